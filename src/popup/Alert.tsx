/** Shows a message that screen readers announce as soon as it appears. */
export function Alert({ text, id }: { text: string; id?: string }) {
  return (
    <p class="alert" role="alert" id={id}>
      {text}
    </p>
  );
}
