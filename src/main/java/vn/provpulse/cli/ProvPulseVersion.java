package vn.provpulse.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import picocli.CommandLine;

import java.lang.management.ManagementFactory;

/** The version, with the JVM and the JIT this process runs (the launcher picks the JIT by the length of the run). */
public final class ProvPulseVersion implements CommandLine.IVersionProvider {
    static final String VERSION = "ProvPulse 0.1.0";
    static final String QUICK_JIT = "C1 only";
    static final String HOT_CODE_JIT = "C1, then C2 for code run more than %s times";

    @Override
    public String[] getVersion() {
        return new String[] {VERSION, "JVM: Java " + Runtime.version() + ", JIT: " + jit()};
    }

    static String jit() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4) {
            return QUICK_JIT;
        }
        return HOT_CODE_JIT.formatted(vm.getVMOption("Tier4InvocationThreshold").getValue());
    }
}
