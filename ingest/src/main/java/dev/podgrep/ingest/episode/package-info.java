/**
 * Episodes as read from feeds ({@link dev.podgrep.ingest.episode.Episode}, its
 * {@link dev.podgrep.ingest.episode.Enclosure} and {@link dev.podgrep.ingest.episode.TranscriptLink}s) and their
 * stable ids ({@link dev.podgrep.ingest.episode.EpisodeId}).
 */
package dev.podgrep.ingest.episode;
