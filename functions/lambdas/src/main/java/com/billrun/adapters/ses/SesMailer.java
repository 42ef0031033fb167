package com.billrun.adapters.ses;

import com.billrun.usecases.billrun.Email;
import com.billrun.usecases.billrun.Mailer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Attachment;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;

/** {@link Mailer} over SES v2 ({@code SendEmail}, simple content with attachments) from the verified {@code SENDER_EMAIL}. */
public final class SesMailer implements Mailer {

    private final SesV2Client ses;
    private final String sender;

    public SesMailer(SesV2Client ses, String sender) {
        if (sender == null || sender.isBlank()) {
            throw new IllegalArgumentException("SENDER_EMAIL is not set");
        }
        this.ses = ses;
        this.sender = sender;
    }

    @Override
    public String send(Email email) {
        Body.Builder body = Body.builder().text(utf8(email.text()));
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        Message message = Message.builder().subject(utf8(email.subject())).body(body.build())
                .attachments(email.attachments().stream().map(SesMailer::attachment).toList()).build();
        try {
            return ses.sendEmail(b -> b.fromEmailAddress(sender)
                    .destination(d -> d.toAddresses(email.to()))
                    .content(c -> c.simple(message))).messageId();
        } catch (SdkException e) {
            throw new MailException("SES did not accept the email to " + email.to() + ": " + e.getMessage(), e);
        }
    }

    private static Attachment attachment(Email.Attachment file) {
        return Attachment.builder().fileName(file.fileName()).contentType(file.contentType())
                .contentDisposition(AttachmentContentDisposition.ATTACHMENT).rawContent(SdkBytes.fromByteArray(file.content()))
                .build();
    }

    private static Content utf8(String text) {
        return Content.builder().data(text).charset("UTF-8").build();
    }
}
