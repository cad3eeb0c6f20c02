/**
 * The dispatch console and tile server, {@code zhili serve}: an HTTP server on the JDK's
 * {@code com.sun.net.httpserver} ({@link io.zhili.jobs.serve.TileServer}) serving tiles, TileJSON, the console
 * page, area outlines and live truck alerts ({@link io.zhili.jobs.serve.AlertHub}) fed from files
 * ({@link io.zhili.jobs.serve.AlertFileSource}) or Kafka ({@link io.zhili.jobs.serve.AlertKafkaSource}). Endpoints
 * are listed in docs/CONTRACTS.md ("Console and tile server").
 */
package io.zhili.jobs.serve;
