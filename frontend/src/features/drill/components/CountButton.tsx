import { Button } from 'antd';

import { formatCount } from '@/lib/format';

/** A household count that opens the list it counts (plain text where the list may not be read). */
export function CountButton({
  count,
  label,
  onOpen,
}: {
  count: number | string | null | undefined;
  label: string;
  onOpen: (() => void) | null;
}) {
  const text = formatCount(count);
  if (!onOpen || count === null || count === undefined || Number(count) === 0) return <>{text}</>;
  return (
    <Button type="link" size="small" aria-label={label} onClick={onOpen} style={{ padding: 0 }}>
      {text}
    </Button>
  );
}
