package dev.podgrep.elasticsearch.home;

import java.lang.instrument.Instrumentation;

/**
 * The entitlement agent Elasticsearch self-attaches at start (Maven Central does not ship ES's own).
 * It only hands the {@link Instrumentation} to the initialisation class ES names, as ES's agent does.
 */
public final class EntitlementAgent {

    static final String DEFAULT_INIT_CLASS =
            "org.elasticsearch.entitlement.initialization.EntitlementInitialization";

    private EntitlementAgent() {
    }

    public static void agentmain(String initClassName, Instrumentation inst) throws Exception {
        String name = initClassName == null || initClassName.isEmpty() ? DEFAULT_INIT_CLASS : initClassName;
        Class.forName(name).getMethod("initialize", Instrumentation.class).invoke(null, inst);
    }
}
