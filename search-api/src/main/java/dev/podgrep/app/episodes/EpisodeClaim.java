package dev.podgrep.app.episodes;

import java.util.Objects;

/**
 * This instance's claim on one episode: the episode as last written by the claim holder, with the Elasticsearch
 * sequence number and primary term of that write. Every state change through {@link EpisodeStore} is a conditional
 * write on them, so a holder whose claim lapsed and was taken over cannot overwrite the new holder's work
 * ({@link ClaimLostException}).
 *
 * <p>Single-owner: the thread that claimed the episode is the only one that may change it (renew, advance, release).
 * Two threads writing one claim would race each other's sequence numbers (a renewal overtaking a release leaves the
 * episode claimed until the claim lapses), so a write from another thread is refused with an
 * {@link IllegalStateException}.
 */
public final class EpisodeClaim {

    private final String holder;
    private final Thread owner;
    private EpisodeRecord record;
    private long seqNo;
    private long primaryTerm;

    EpisodeClaim(String holder, EpisodeRecord record, long seqNo, long primaryTerm) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.owner = Thread.currentThread();
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

    /** Refuses use from any thread but the one that claimed the episode. */
    void requireOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the claim on episode " + record.id() + " belongs to thread "
                    + owner.getName() + "; " + Thread.currentThread().getName() + " may not change it");
        }
    }

    void written(EpisodeRecord newRecord, long newSeqNo, long newPrimaryTerm) {
        this.record = newRecord;
        this.seqNo = newSeqNo;
        this.primaryTerm = newPrimaryTerm;
    }
}
