/** Calendar dates as the API takes them ("2026-11-29"), in the device's time zone. */
import { toOffsetIso } from '@/lib/time';

export function today(now: Date = new Date()): string {
  return toOffsetIso(now).slice(0, 10);
}
