/** One release or record found in the input. */
export interface ReadItem {
  kind: 'release' | 'record';
  /** The release or record object as parsed (not validated; may even be a non-object in a package). */
  value: unknown;
  /** JSON pointer inside its document, e.g. "/releases/3", "/2/releases/0", "" for a bare release. */
  pointer: string;
  /** 1-based index of the JSON document (JSON Lines line / concatenated document). */
  document: number;
  /** 1-based line where the item starts (for JSON Lines, the line of its document). */
  line?: number;
  /**
   * The enclosing package without `releases`/`records` (uri, publisher, version, extensions, …).
   * One object shared by all items of a package; keys written after the array in the file appear in
   * it once the reader has passed them (always by the time the package's `package` event is read).
   */
  packageMeta?: Record<string, unknown>;
}

/** Emitted after the last item of a package: the complete package metadata. */
export interface PackageEnd {
  kind: 'package';
  packageType: 'release' | 'record';
  /** The package without `releases`/`records`. */
  meta: Record<string, unknown>;
  /** JSON pointer of the package ("" at the top level, "/1" in an array of packages). */
  pointer: string;
  document: number;
  line?: number;
  /** Number of releases or records in the package. */
  count: number;
}

/** What {@link readOcdsEvents} yields. */
export type ReadEvent = ReadItem | PackageEnd;
