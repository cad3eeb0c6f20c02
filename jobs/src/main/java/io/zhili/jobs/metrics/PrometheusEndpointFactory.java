package io.zhili.jobs.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates {@link PrometheusEndpoint}: {@code metrics.reporter.<name>.factory.class:
 * io.zhili.jobs.metrics.PrometheusEndpointFactory}, with {@code host} and {@code port}.
 */
public final class PrometheusEndpointFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new PrometheusEndpoint();
    }
}
