/**
 * Media anchoring as configured (docs/media.md): the node's RTP relay ({@link MediaConfig}) and
 * each trunk's media policy ({@link TrunkMedia}).
 */
package io.opensbc.config.model.media;
