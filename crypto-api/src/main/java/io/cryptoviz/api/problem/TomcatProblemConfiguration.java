package io.cryptoviz.api.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat report the errors it answers on its own as problem details: its host's error
 * report valve, Tomcat's and the one Boot adds, is replaced by {@link ProblemErrorReportValve}
 * just before the host starts, when every customizer has run.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblemConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			host.addLifecycleListener((event) -> {
				if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
							host.getPipeline().removeValve(valve);
						}
					}
					host.getPipeline().addValve(new ProblemErrorReportValve());
					if (host instanceof StandardHost standardHost) {
						standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
				}
			});
		});
	}

}
