/**
 * Addresses as logs, errors, pages and metrics may show them: a password in the address and the
 * values of query parameters named like a key, token, secret, signature or password are masked;
 * the host, the path and the other parameters stay, to tell sources apart.
 *
 * @example
 * withoutUrlSecrets('https://u:p@feeds.example.com/rss?api_key=K&lang=ar') // → 'https://***@feeds.example.com/rss?api_key=***&lang=ar'
 */
export function withoutUrlSecrets(text: string): string {
  return text
    .replace(/(\/\/)[^/\s@]+@/g, '$1***@')
    .replace(/([?&;][\w.%-]*(?:key|token|secret|sig|signature|auth|pass|password|pwd|session|credential)[\w.%-]*=)[^&;#\s"'<>]+/gi, '$1***')
    // Short names APIs use for a key or a one-time code.
    .replace(/([?&;](?:k|code|hash|hmac)=)[^&;#\s"'<>]+/gi, '$1***');
}
