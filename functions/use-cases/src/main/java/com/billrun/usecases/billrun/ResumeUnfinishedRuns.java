package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.POST_IN_PROGRESS;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository.RunRef;
import com.billrun.store.BillRunRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The local runtime's restart ({@code ./billrun serve --data DIR}): its executions and queues lived in memory and
 * died with the process, so every run it finds PROCESSING or POST_IN_PROGRESS is resumed through
 * {@link ResumeBillRun}, in the name of {@link #RESTART}.
 */
public final class ResumeUnfinishedRuns {

    /** Who the audit trail says resumed the runs. */
    public static final String RESTART = "local-restart@billrun.example";

    /** One run found unfinished and what became of it. */
    public record Resumed(RunRef run, boolean resumed, String detail) {
    }

    private final BillRunRepository runs;
    private final ResumeBillRun resume;

    public ResumeUnfinishedRuns(BillRunRepository runs, ResumeBillRun resume) {
        this.runs = runs;
        this.resume = resume;
    }

    public List<Resumed> resumeAll() {
        List<Resumed> all = new ArrayList<>();
        for (RunRef ref : runs.inStatusOnLocalRestart(Set.of(PROCESSING, POST_IN_PROGRESS))) {
            try {
                var run = resume.resume(ref.tenantId(), ref.billRunId(), RESTART);
                all.add(new Resumed(ref, true, run.number() + " " + run.status()));
            } catch (BillRunConflictException refused) {
                all.add(new Resumed(ref, false, refused.getMessage()));
            }
        }
        return all;
    }
}
