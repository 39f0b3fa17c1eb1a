"""Areas (行政区划): the statistical division tree and villages' collective income."""
