/** "12/100" beside a field whose text is limited, so the limit is seen before it is reached. */
export function CharCount({ value, max }: { value: string | undefined; max: number }) {
  const used = (value ?? '').length;
  return (
    <span className="char-count" aria-live="polite">
      {used}/{max}
    </span>
  );
}
