// Share links: `#v1/<file name>/<text>`, the text deflated and base64url-encoded. It lives in
// the fragment, which browsers never send to a server.

const PREFIX = '#v1/';

async function pump(bytes, stream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeShare(name, text) {
  const packed = await pump(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `${PREFIX}${encodeURIComponent(name)}/${toBase64Url(packed)}`;
}

/** `{ name, text }` from a fragment, or null when it is not a share link or is damaged. */
export async function decodeShare(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  const rest = hash.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return null;
  try {
    const bytes = await pump(fromBase64Url(rest.slice(slash + 1)), new DecompressionStream('deflate-raw'));
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { name: decodeURIComponent(rest.slice(0, slash)), text };
  } catch {
    return null;
  }
}
