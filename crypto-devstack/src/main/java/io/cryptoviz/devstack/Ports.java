package io.cryptoviz.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers for servers started on loopback. */
public final class Ports {

	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	private static final int LOWEST = 10_000;

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private Ports() {
	}

	/**
	 * A port that is free now, below the operating system's ephemeral range where there is room. A port
	 * from that range (what binding port 0 gives) can be taken by any outgoing connection of any process
	 * before the server it was chosen for binds it, which on a busy machine happens; below it, only a
	 * server asking for that very port can. Never the same port twice in one JVM.
	 */
	public static int free() {
		int below = ephemeralRangeStart();
		if (below - LOWEST >= 1_000) {
			for (int attempt = 0; attempt < 100; attempt++) {
				int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
				if (!HANDED_OUT.contains(port) && canBind(port) && HANDED_OUT.add(port)) {
					return port;
				}
			}
		}
		return chosenByTheSystem();
	}

	public static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int chosenByTheSystem() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Free on every address: a server on 127.0.0.1 or on 0.0.0.0 with that port makes this bind fail. */
	private static boolean canBind(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int ephemeralRangeStart() {
		// a reader, not Files.readString: /proc reports a size of 0 and readString stops short
		try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
			return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
