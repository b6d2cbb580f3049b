package dev.faaslab.state.bucket;

import java.time.Instant;

/**
 * An object's metadata; its bytes are in the file {@code fileName} of its bucket's directory.
 *
 * @param etag the MD5 of the bytes in lower-case hex, without S3's quotes (see {@link #quotedEtag()})
 */
public record StoredObject(String key, String fileName, long size, String contentType, String etag,
                           Instant lastModified) {

    /** The ETag as S3 sends it in headers and listings: in double quotes. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
