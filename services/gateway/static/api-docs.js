// Starts Swagger UI on the API docs page (/api/docs). A file of its own, not an inline script,
// so the page's Content-Security-Policy needs no 'unsafe-inline'.
window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
