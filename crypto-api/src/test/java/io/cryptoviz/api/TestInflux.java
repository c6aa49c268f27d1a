package io.cryptoviz.api;

import io.cryptoviz.devstack.InfluxDbServer;

/**
 * One InfluxDB server for every integration test of the module: the Spring context that points
 * at it is cached across test classes, so the server must outlive each of them. It stops with
 * the JVM.
 */
final class TestInflux {

	private static InfluxDbServer server;

	private TestInflux() {
	}

	static synchronized InfluxDbServer server() {
		if (server == null) {
			InfluxDbServer started = InfluxDbServer.temporary().start();
			started.createDatabases();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "influxd-stop"));
			server = started;
		}
		return server;
	}

}
