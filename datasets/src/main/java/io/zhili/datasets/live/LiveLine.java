package io.zhili.datasets.live;

/**
 * One line of {@code live/cases.jsonl} and what a correct live job must do with it.
 *
 * @param text      the line as written (no line end)
 * @param caseIndex the case it belongs to (position in the live day's case list), or -1 for an undecodable line
 * @param step      the lifecycle step the event reports ({@code Lifecycle.REPORTED} .. {@code CLOSED}), or -1
 * @param at        when the event happened, epoch ms (its event time when accepted), or the time of the line
 *                  before it for an undecodable line
 * @param outcome   accepted, rejected with {@code reason}, or undecodable (dead-lettered)
 * @param reason    the reject reason of a rejected line, else {@code null}
 * @param delayedMs for an accepted line written later than its time order: the largest event time of the
 *                  lines it was moved behind minus its own (always under the job's 2-minute allowance); else 0
 * @param note      the noise in words, or {@code null}
 */
public record LiveLine(String text, int caseIndex, int step, long at, Outcome outcome, String reason, long delayedMs,
                       String note) {
    /** What a correct job does with a line. */
    public enum Outcome {
        /** Validated and processed. */
        ACCEPTED,
        /** Decoded but refused by validation or the component join, with a reason. */
        REJECTED,
        /** Not a JSON object: dead-lettered with its raw text. */
        UNDECODABLE
    }

    LiveLine delayed(long ms, String why) {
        return new LiveLine(text, caseIndex, step, at, outcome, reason, ms, why);
    }
}
