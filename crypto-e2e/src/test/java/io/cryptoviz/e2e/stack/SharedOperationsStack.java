package io.cryptoviz.e2e.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class that declares an {@link OperationsStack} parameter the same running
 * stack: it starts on first use and stops when the whole test run ends, so the dashboard and the
 * endpoint tests pay for one set of servers, not one each.
 */
public final class SharedOperationsStack implements ParameterResolver {

	/**
	 * The stack as a resource of the test run: the classes that share it hold this lock, so they use it one
	 * after the other while other test classes run beside them.
	 */
	public static final String RESOURCE = "cryptoviz.operations-stack";

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == OperationsStack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(SharedOperationsStack.class))
			.computeIfAbsent(OperationsStack.class, (key) -> OperationsStack.start(), OperationsStack.class);
	}

}
