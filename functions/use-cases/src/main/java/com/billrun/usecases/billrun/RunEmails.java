package com.billrun.usecases.billrun;

import com.billrun.store.BillRun;
import com.billrun.store.BillRunCounts;
import java.util.List;

/**
 * The initiator's emails about a run (docs/ARCHITECTURE.md Notify): what happened, the counts, the totals per currency
 * (never added across currencies), the failed accounts with their reasons, and where to look in the portal.
 */
final class RunEmails {

    /** One line of the failures list, as the email shows it. */
    record FailedAccount(String accountId, String subscriptionId, String reason) {
    }

    /** Beyond this, the email points at the portal's failures tab instead of listing every one. */
    static final int FAILURES_LISTED = 50;

    private final String portalUrl;

    RunEmails(String portalUrl) {
        this.portalUrl = portalUrl == null ? "" : portalUrl.replaceAll("/+$", "");
    }

    Email completed(String to, BillRun run, List<FailedAccount> failures) {
        BillRunCounts counts = run.counts();
        String subject = "Bill run %s completed: %d invoices%s".formatted(run.number(), counts.invoicesGenerated(),
                counts.failedAccounts() == 0 ? "" : ", %d failed accounts".formatted(counts.failedAccounts()));
        StringBuilder text = new StringBuilder(header(run, "is COMPLETED and ready to review"))
                .append(counts(counts)).append(totals(run));
        if (!failures.isEmpty()) {
            text.append("\nFailed accounts (not invoiced until their data is fixed):\n");
            failures.stream().limit(FAILURES_LISTED).forEach(failure -> text.append("  ").append(failure.accountId())
                    .append(failure.subscriptionId() == null ? "" : " / subscription " + failure.subscriptionId())
                    .append(": ").append(failure.reason()).append('\n'));
            if (failures.size() > FAILURES_LISTED) {
                text.append("  ... and more in the portal's failures tab\n");
            }
        }
        return new Email(to, subject, text.append(link(run, "Review and post it")).toString(), null);
    }

    Email error(String to, BillRun run, String cause) {
        String text = header(run, "ended in ERROR") + "\nCause: " + cause + "\n"
                + "\nNo invoice of this run can be posted. Fix the cause, then resume the run (it bills only the"
                + " accounts it has not billed yet) or cancel it (its drafts are canceled with it).\n" + link(run, "Details");
        return new Email(to, "Bill run %s failed".formatted(run.number()), text, null);
    }

    Email posted(String to, BillRun run) {
        String text = header(run, "is POSTED: its invoices are final and numbered")
                + counts(run.counts()) + totals(run) + link(run, "Invoices");
        return new Email(to, "Bill run %s posted: %d invoices".formatted(run.number(), run.counts().invoicesGenerated()),
                text, null);
    }

    Email postFailed(String to, BillRun run, String cause) {
        String text = header(run, "could not be posted completely") + "\nCause: " + cause + "\n"
                + "\nThe run is back to COMPLETED. Invoices already posted keep their numbers; posting again"
                + " posts the rest.\n" + link(run, "Post it again");
        return new Email(to, "Posting bill run %s failed".formatted(run.number()), text, null);
    }

    private static String header(BillRun run, String what) {
        return "Bill run %s (target date %s) %s.\n".formatted(run.number(), run.options().targetDate(), what);
    }

    private static String counts(BillRunCounts counts) {
        return """

                Accounts selected:  %d
                Accounts processed: %d
                Invoices generated: %d
                Failed accounts:    %d
                """.formatted(counts.accountsSelected(), counts.accountsProcessed(), counts.invoicesGenerated(),
                counts.failedAccounts());
    }

    private static String totals(BillRun run) {
        StringBuilder text = new StringBuilder("\nTotals per currency:\n");
        if (run.totals().byCurrency().isEmpty()) {
            text.append("  (no invoices)\n");
        }
        run.totals().byCurrency().forEach((currency, total) ->
                text.append("  ").append(currency).append(' ').append(total.toPlainString()).append('\n'));
        return text.toString();
    }

    private String link(BillRun run, String label) {
        return "\n%s: %s/bill-runs/%s\n".formatted(label, portalUrl, run.id());
    }
}
