package io.zhili.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka broker (KRaft) for tests, started as a separate JVM by
 * {@code scripts/kafka.sh} — the same mechanism operators use — on free ports in a temporary
 * directory, and stopped by its pid afterwards.
 *
 * <p>Use it as a JUnit 5 extension ({@code @RegisterExtension static KafkaBroker kafka = new
 * KafkaBroker();}) or directly with {@link #start()} and {@link #close()}. The first start on a
 * machine resolves the broker's jars with Maven (offline first, then Maven Central) and caches the
 * classpath; later starts take a few seconds.
 *
 * <p>Not thread-safe: one test class drives one broker.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private Path dir;
    private int port;
    private int controllerPort;
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the broker; fails the test with the script's one-line reason when it cannot. */
    public synchronized void start() {
        if (dir != null) {
            return;
        }
        try {
            dir = Files.createTempDirectory("zhili-kafka-");
            port = freePort();
            controllerPort = freePort();
            while (controllerPort == port) {
                controllerPort = freePort();
            }
            String out = script("start", "--port", Integer.toString(port),
                    "--controller-port", Integer.toString(controllerPort), "--dir", dir.toString());
            System.out.println(out.strip());
            // A test JVM that dies must not leave a broker behind.
            shutdownHook = new Thread(this::stopQuietly, "kafka-broker-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
    }

    /** {@code 127.0.0.1:port} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        if (dir == null) {
            throw new IllegalStateException("broker not started");
        }
        return "127.0.0.1:" + port;
    }

    /** Creates a topic with one replica and waits until the controller has it. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Produces GPS JSON lines to {@code topic} in order, each keyed by its truck id as terminals'
     * gateways key them (so a truck's reports stay in one partition, in order), acknowledged by the
     * broker before this returns.
     */
    public void produceKeyedByTruck(String topic, List<String> lines) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, truckKey(line), line.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** The truck id of a GPS JSON line as a record key, or null for a junk line without one. */
    public static byte[] truckKey(String line) {
        int at = line.indexOf("\"truck_id\":\"");
        int end = at < 0 ? -1 : line.indexOf('"', at + 12);
        return end < 0 ? null : line.substring(at + 12, end).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops the broker process but keeps its data, ports and topics, so that {@link #restart()} brings the
     * same broker back: for clients that must survive an outage.
     */
    public synchronized void stopKeepingData() {
        if (dir == null) {
            throw new IllegalStateException("broker not started");
        }
        stopQuietly();
    }

    /** Starts the broker stopped by {@link #stopKeepingData()} again on the same ports and data. */
    public synchronized void restart() {
        if (dir == null) {
            throw new IllegalStateException("broker not started");
        }
        try {
            System.out.println(script("start", "--port", Integer.toString(port),
                    "--controller-port", Integer.toString(controllerPort), "--dir", dir.toString()).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the Kafka broker", e);
        }
    }

    /** Stops the broker by its pid and deletes its directory. */
    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        stopQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook itself is running
            }
        }
        deleteTree(dir);
        dir = null;
    }

    private void stopQuietly() {
        if (dir == null) {
            return;
        }
        try {
            script("stop", "--dir", dir.toString());
        } catch (IOException | RuntimeException e) {
            System.err.println("kafka broker stop: " + e.getMessage());
        }
    }

    private static String script(String... args) throws IOException {
        Path kafkaSh = repositoryRoot().resolve("scripts/kafka.sh");
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(kafkaSh.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            // The first start may resolve the broker's jars from Maven Central.
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/kafka.sh " + args[0] + " did not finish in 10 minutes");
            }
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running scripts/kafka.sh", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(output.strip());
        }
        return output;
    }

    /** The directory holding {@code scripts/kafka.sh}: Maven runs tests from the module directory. */
    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("scripts/kafka.sh"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("scripts/kafka.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + root + ": " + e.getMessage());
        }
    }
}
