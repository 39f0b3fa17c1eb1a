import { NoticeBar } from 'antd-mobile';

/** Why the server refused an entry, above the phone form that corrects it: an alert, so the
 * reason is read out and `revealErrors` brings it into view. */
export function RefusedNotice({ text }: { text: string }) {
  return (
    <div role="alert">
      <NoticeBar color="error" wrap content={text} />
    </div>
  );
}
