/** One id per page load, sent at every handshake: the same page reconnecting keeps its peers; a reload starts afresh. */
export const PAGE_ENDPOINT = pageEndpoint();

function pageEndpoint(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
