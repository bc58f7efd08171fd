/**
 * Has the browser save `text` as a file named `fileName` (a temporary object URL and a
 * `download` link): nothing goes back to the server, which matters for secrets such as
 * activation links.
 */
export function downloadText(
  document: Document,
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // some browsers read the URL after click() returns
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
