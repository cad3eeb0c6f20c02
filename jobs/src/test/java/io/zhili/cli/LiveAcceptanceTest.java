package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.datasets.QingdaoGenerator;
import io.zhili.datasets.Scale;
import io.zhili.datasets.live.LiveAlert;
import io.zhili.datasets.live.LiveAlertScore;
import io.zhili.datasets.live.LiveDayGenerator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's acceptance on the small scale: {@code zhili hotspots} on the generated year is the baseline,
 * {@code zhili live} replays the generated live day on the MiniCluster, and its OPEN alerts (read back from
 * the {@code alerts/} Parquet) reach precision and recall of at least 0.95 for every kind against
 * {@code truth/live_alerts.csv}; every line is counted (read = accepted + rejected + dead-lettered, and the
 * rejected and dead-lettered lines are those the noise file lists).
 *
 * <p>Runs once the branch that adds {@code zhili live} is merged (until then the command is unknown and the
 * test is skipped, not passed).
 */
class LiveAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void liveAlertsMatchTheGeneratedTruthForEveryKind() throws Exception {
        CliRun help = CliRun.of("live", "--help");
        assumeTrue(help.exit() == 0 && help.out().contains("--baseline"), "zhili live is not in this build yet");
        Path data = tmp.resolve("data");
        QingdaoGenerator.generate(data, Scale.SMALL, 20251, 2, new PrintStream(OutputStream.nullOutputStream()));
        Path baseline = tmp.resolve("baseline");
        CliRun hotspots = CliRun.of("hotspots", "--components", data.resolve("components.csv").toString(),
                "--cases", data.resolve("cases.csv").toString(), "--out", baseline.toString(), "--parallelism", "2");
        assertEquals(0, hotspots.exit(), hotspots.err());
        Path out = tmp.resolve("live");
        CliRun live = CliRun.of("live", "--components", data.resolve("components.csv").toString(),
                "--baseline", baseline.toString(), "--cases", data.resolve(LiveDayGenerator.EVENTS).toString(),
                "--out", out.toString());
        assertEquals(0, live.exit(), live.err());

        List<LiveAlert> truth = LiveAlertScore.readTruth(data.resolve(LiveDayGenerator.ALERTS));
        Map<String, LiveAlertScore.Score> scores = LiveAlertScore.score(truth, LiveAlertScore.readOpen(out.resolve("alerts")));
        StringBuilder all = new StringBuilder();
        scores.values().forEach(s -> all.append(s).append('\n'));
        System.out.print(all);
        for (LiveAlertScore.Score s : scores.values()) {
            assertTrue(s.truth() > 0, "nothing planted for " + s.kind());
            assertTrue(s.precision() >= 0.95 && s.recall() >= 0.95, all.toString());
        }

        long lines = Files.readAllLines(data.resolve(LiveDayGenerator.EVENTS)).size();
        long rejected = 0;
        long undecodable = 0;
        for (String row : Files.readAllLines(data.resolve(LiveDayGenerator.NOISE))) {
            rejected += row.contains(",REJECTED,") ? 1 : 0;
            undecodable += row.contains(",UNDECODABLE,") ? 1 : 0;
        }
        JsonNode events = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("events");
        assertEquals(lines, events.get("read").asLong());
        assertEquals(events.get("read").asLong(), events.get("accepted").asLong() + events.get("rejected").asLong()
                + events.get("dead_lettered").asLong());
        assertEquals(rejected, events.get("rejected").asLong());
        assertEquals(undecodable, events.get("dead_lettered").asLong());
    }
}
