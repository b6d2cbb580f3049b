/**
 * The host side of the {@code faaslab} module: services by name ({@link dev.faaslab.runtime.sdk.SdkRegistry}) and
 * the one entry point both languages call ({@link dev.faaslab.runtime.sdk.SdkBridge}).
 *
 * <p>What a service receives, {@code (workspace, operation, args)}, for each guest call. The resource's name
 * is in {@code args} under the service's own name; options pass through as given (Python's snake_case
 * options arrive in camelCase); the service's JSON result reaches the guest unchanged.
 *
 * <table>
 * <caption>Guest calls and the operations they send</caption>
 * <tr><th>guest call</th><th>operation</th><th>args</th></tr>
 * <tr><td>{@code table(t).get(key)}</td><td>get</td><td>{@code {table, key}}</td></tr>
 * <tr><td>{@code table(t).put(item, {ifAbsent | ifVersion})}</td><td>put</td><td>{@code {table, item, ifAbsent?, ifVersion?}}</td></tr>
 * <tr><td>{@code table(t).delete(key, opts)}</td><td>delete</td><td>{@code {table, key, ...opts}}</td></tr>
 * <tr><td>{@code table(t).increment(key, attribute, by = 1)}</td><td>increment</td><td>{@code {table, key, attribute, by}}</td></tr>
 * <tr><td>{@code table(t).query(q)}</td><td>query</td><td>{@code {table, partitionKey, sortKeyPrefix?, sortKeyFrom?, sortKeyTo?, limit?, next?}}</td></tr>
 * <tr><td>{@code bucket(b).put(key, body, {contentType})}</td><td>put</td><td>{@code {bucket, key, body, contentType?, encoding?}}:
 *     a string body as is; bytes as base64 with {@code encoding: "base64"}</td></tr>
 * <tr><td>{@code bucket(b).get(key, {encoding})}</td><td>get</td><td>{@code {bucket, key, encoding?}}</td></tr>
 * <tr><td>{@code bucket(b).head(key)} / {@code delete(key)}</td><td>head / delete</td><td>{@code {bucket, key}}</td></tr>
 * <tr><td>{@code bucket(b).list(opts)}</td><td>list</td><td>{@code {bucket, prefix?, delimiter?, maxKeys?, continuationToken?}}</td></tr>
 * <tr><td>{@code queue(q).send(body, {delaySeconds})}</td><td>send</td><td>{@code {queue, body, delaySeconds?}}: a non-string body as JSON text</td></tr>
 * <tr><td>{@code queue(q).sendBatch(messages)}</td><td>sendBatch</td><td>{@code {queue, entries: [{id, body, delaySeconds?}]}}: ids are the entries' positions unless given</td></tr>
 * </table>
 *
 * <p>A service refuses with {@link dev.faaslab.runtime.sdk.SdkException}; its code becomes the guest error's name
 * (JavaScript) or exception class (Python). Anything else a service throws reaches the guest as
 * {@code InternalFailure} and is logged on the host.
 */
package dev.faaslab.runtime.sdk;

