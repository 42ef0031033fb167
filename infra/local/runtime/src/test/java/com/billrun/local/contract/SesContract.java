package com.billrun.local.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.AwsTarget;
import com.billrun.local.aws.SentEmail;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An email sent with the real SesV2Client is readable back from the target's mailbox. */
public abstract class SesContract {

    protected abstract AwsTarget target();

    @Test
    void anEmailSentThroughSesV2IsCapturedWithItsRecipientSubjectAndBody() {
        String subject = "Bill run BR-" + UUID.randomUUID() + " completed";
        target().verifySender("billing@billrun.example");
        try (var ses = AwsClients.sesV2(target().env())) {
            ses.sendEmail(b -> b.fromEmailAddress("billing@billrun.example")
                    .destination(d -> d.toAddresses("finance@customer.example"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data(subject))
                            .body(body -> body.text(t -> t.data("3 invoices, total USD 435.48"))))));
        }

        List<SentEmail> matching = target().mailbox().sentEmails().stream()
                .filter(email -> subject.equals(email.subject())).toList();
        assertEquals(1, matching.size(), "captured: " + matching);
        assertEquals(List.of("finance@customer.example"), matching.getFirst().to());
        assertEquals("3 invoices, total USD 435.48", matching.getFirst().text().strip());
    }
}
