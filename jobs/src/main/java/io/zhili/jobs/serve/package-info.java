/**
 * The dispatch console and tile server, {@code zhili serve}: an HTTP server on the JDK's
 * {@code com.sun.net.httpserver} ({@link io.zhili.jobs.serve.TileServer}) serving tiles, TileJSON, the console
 * page, area outlines, live truck and case alerts ({@link io.zhili.jobs.serve.AlertHub}) fed from files
 * ({@link io.zhili.jobs.serve.AlertFileSource}) or Kafka ({@link io.zhili.jobs.serve.AlertKafkaSource}), and the
 * detail of a hotspot cell with its forecast ({@link io.zhili.jobs.serve.CellDetails}). Endpoints
 * are listed in docs/CONTRACTS.md ("Console and tile server").
 */
package io.zhili.jobs.serve;
