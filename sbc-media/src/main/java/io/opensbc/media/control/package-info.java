/**
 * The media control port: what signalling calls to anchor a call's media. Owns the session handle,
 * the local and remote endpoint records, the per-leg packet transform hook (where SRTP plugs in),
 * session statistics and the typed {@link io.opensbc.media.control.MediaException}.
 *
 * <p>Every operation is asynchronous (a Vert.x {@code Future}) and safe to call from any thread;
 * completions run on the caller's Vert.x context when there is one. Imports Vert.x core and Netty's
 * {@code ByteBuf} only; never signalling, and never the relay that implements it.
 */
package io.opensbc.media.control;
