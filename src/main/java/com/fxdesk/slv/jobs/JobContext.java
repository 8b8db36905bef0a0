package com.fxdesk.slv.jobs;

import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/** What a running job gets: the shared compute pool, a cancellation flag to check each step, a progress sink. */
public interface JobContext {

    /** The one bounded pool all engine work shares; never create threads of your own. */
    ExecutorService computePool();

    /** True once the job was cancelled: the engine checks it each step and stops (throwing or returning early). */
    BooleanSupplier cancelled();

    /** Reports progress in [0, 1] and the current phase (e.g. "heston", "leverage"). */
    void progress(double fraction, String phase);
}
