package dev.podgrep.app.episodes;

import java.util.Objects;

/**
 * This instance's claim on one episode: the episode as last written by the claim holder, with the Elasticsearch
 * sequence number and primary term of that write. Every state change through {@link EpisodeStore} is a conditional
 * write on them, so a holder whose claim lapsed and was taken over cannot overwrite the new holder's work
 * ({@link ClaimLostException}). Not thread-safe: one worker owns a claim.
 */
public final class EpisodeClaim {

    private final String holder;
    private EpisodeRecord record;
    private long seqNo;
    private long primaryTerm;

    EpisodeClaim(String holder, EpisodeRecord record, long seqNo, long primaryTerm) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.record = record;
        this.seqNo = seqNo;
        this.primaryTerm = primaryTerm;
    }

    /** @return who holds the claim (an instance id) */
    public String holder() {
        return holder;
    }

    /** @return the episode as this holder last wrote it */
    public EpisodeRecord episode() {
        return record;
    }

    long seqNo() {
        return seqNo;
    }

    long primaryTerm() {
        return primaryTerm;
    }

    void written(EpisodeRecord newRecord, long newSeqNo, long newPrimaryTerm) {
        this.record = newRecord;
        this.seqNo = newSeqNo;
        this.primaryTerm = newPrimaryTerm;
    }
}
