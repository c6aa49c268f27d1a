package io.cryptoviz.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTests {

	@Test
	void handsOutDistinctPortsBelowTheEphemeralRangeThatAServerCanBind() throws IOException {
		int ephemeralStart = Integer.parseInt(
				Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			int port = Ports.free();
			assertThat(port).isBetween(10_000, ephemeralStart - 1);
			assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
			try (ServerSocket server = new ServerSocket()) {
				server.bind(new InetSocketAddress("127.0.0.1", port));
			}
		}
	}

	@Test
	void neverHandsOutAPortAServerIsListeningOn() throws IOException {
		try (ServerSocket server = new ServerSocket(0)) {
			for (int i = 0; i < 200; i++) {
				assertThat(Ports.free()).isNotEqualTo(server.getLocalPort());
			}
		}
	}

}
