/** The port through which core downloads a media URL; the implementation lives outside core. */
export interface FetchMediaOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Let the URL reach loopback, private and link-local addresses. */
  allowPrivateAddresses: boolean;
  /** Aborts the download (the caller went away). */
  signal?: AbortSignal | undefined;
}

export interface FetchedMedia {
  data: Buffer;
  /** The server's Content-Type, if any. */
  contentType: string | null;
  /** From Content-Disposition, else the last segment of the final URL's path. */
  filename: string | null;
}

export type MediaFetcher = (url: string, options: FetchMediaOptions) => Promise<FetchedMedia>;
