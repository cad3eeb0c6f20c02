package io.zhili.geo.fence;

/** A reference update record that cannot be applied: its {@link #reason()} and a one-line message. */
public final class UpdateRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final UpdateRejectReason reason;

    public UpdateRejectedException(UpdateRejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UpdateRejectReason reason() {
        return reason;
    }

    /** {@code REASON: message}, the dead letter's reason column. */
    public String reasonText() {
        return reason.name() + ": " + getMessage();
    }
}
