package dev.capstan.engine.health;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.OsLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Where users' Lua health scripts run: a fresh global environment for every run, holding only
 * what a health check needs (the safe base functions, {@code string}, {@code table},
 * {@code math}), and a budget of VM instructions and wall-clock time after which the script is
 * stopped. Nothing reaches files, processes, the network, other scripts or other runs:
 * {@code io}, {@code load}, {@code dofile}, {@code debug}, coroutines and Java access fail with
 * a message naming what the script tried; {@code os} holds only the clock functions
 * ({@code time}, {@code date}, {@code clock}, {@code difftime}, as in Argo CD's safe {@code os});
 * {@code require} gives only the libraries that are there anyway; the shared libraries are
 * read-only.
 *
 * <p>The budget is counted by the interpreter's instruction hook, so an endless loop stops even
 * inside {@code pcall}. It cannot interrupt a single library call; the library calls that could
 * take long on small input are bounded ({@code string.rep}) or refused ({@code string.dump}).
 * A script can still allocate a lot before its budget runs out (by doubling a string, say):
 * memory is not metered.
 */
final class LuaSandbox {

    /** Instructions and time one run may use; Argo CD's own scripts need a few hundred instructions. */
    record Budget(long instructions, Duration time) {

        static Budget defaults() {
            return new Budget(1_000_000, Duration.ofMillis(500));
        }
    }

    private static final int MAX_REPEATED_LENGTH = 1 << 20;
    private static final List<String> REFUSED_FUNCTIONS = List.of("dofile", "loadfile", "load", "loadstring", "collectgarbage", "module");
    private static final List<String> REFUSED_LIBRARIES = List.of("io", "debug", "package", "luajava", "coroutine");
    private static final String NOT_AVAILABLE = " is not available to health checks";
    private static final Libraries LIBRARIES = new Libraries();

    private final Budget budget;

    LuaSandbox(Budget budget) {
        this.budget = budget;
    }

    static LuaSandbox defaults() {
        return new LuaSandbox(Budget.defaults());
    }

    Budget budget() {
        return budget;
    }

    /**
     * Compiles a script once; it is run any number of times with {@link #run}.
     *
     * @throws LuaError when the script does not compile, with the line in its message
     */
    static Prototype compile(String script, String chunkName) {
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), chunkName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a compiled script with {@code obj} bound to the given object and returns what it
     * returned. Every failure is an exception: {@link LuaError} for an error in the script,
     * {@link Exhausted} when the budget ran out, {@link StackOverflowError} for runaway recursion.
     */
    Varargs run(Prototype script, LuaValue obj) {
        Globals globals = environment();
        globals.set("obj", obj);
        globals.debuglib = new Meter(budget);
        return new LuaClosure(script, globals).invoke(LuaValue.NONE);
    }

    /** A fresh environment: new base functions, the shared read-only libraries, and refusals naming what is missing. */
    private static Globals environment() {
        var globals = new Globals();
        globals.load(new BaseLib());
        for (String name : REFUSED_FUNCTIONS) {
            globals.rawset(name, new Refused(name + "()"));
        }
        for (String name : REFUSED_LIBRARIES) {
            globals.rawset(name, LIBRARIES.refused.get(name));
        }
        globals.rawset("print", NoOutput.INSTANCE);
        globals.rawset("require", LIBRARIES.require);
        globals.rawset("string", LIBRARIES.string);
        globals.rawset("table", LIBRARIES.table);
        globals.rawset("math", LIBRARIES.math);
        globals.rawset("os", LIBRARIES.os);
        globals.rawset("unpack", LIBRARIES.table.rawget("unpack"));
        return globals;
    }

    /** The run ran out of instructions or time. An {@link Error}, so that {@code pcall} cannot catch it. */
    static final class Exhausted extends Error {

        Exhausted(String message) {
            super(message, null, false, false);
        }
    }

    /** Counts the instructions of one run, through the interpreter's debug hook, and stops the run at the budget. */
    private static final class Meter extends DebugLib {

        private static final int CLOCK_EVERY = 4096;

        private final long limit;
        private final long deadline;
        private final Duration time;
        private long executed;

        Meter(Budget budget) {
            this.limit = budget.instructions();
            this.time = budget.time();
            this.deadline = System.nanoTime() + budget.time().toNanos();
        }

        @Override
        public void onInstruction(int pc, Varargs v, int top) {
            if (++executed > limit) {
                throw new Exhausted("stopped after " + limit + " instructions (an endless loop?)");
            }
            if (executed % CLOCK_EVERY == 0 && System.nanoTime() > deadline) {
                throw new Exhausted("stopped after " + time.toMillis() + " ms");
            }
        }

        @Override
        public void onCall(LuaFunction f) {
        }

        @Override
        public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        }

        @Override
        public void onReturn() {
        }

        @Override
        public String traceback(int level) {
            return "";
        }
    }

    /** A function a script may not call; calling it fails, naming it. */
    private static final class Refused extends VarArgFunction {

        private final String what;

        Refused(String what) {
            this.what = what;
        }

        @Override
        public Varargs invoke(Varargs args) {
            throw new LuaError(what + NOT_AVAILABLE);
        }
    }

    /** {@code require} of the libraries that are there anyway (Argo CD's scripts may {@code require("os")}); nothing else. */
    private static final class Require extends VarArgFunction {

        private final java.util.Map<String, LuaTable> modules;

        Require(java.util.Map<String, LuaTable> modules) {
            this.modules = modules;
        }

        @Override
        public Varargs invoke(Varargs args) {
            String name = args.checkjstring(1);
            LuaTable module = modules.get(name);
            if (module == null) {
                throw new LuaError("require(\"" + name + "\")" + NOT_AVAILABLE);
            }
            return module;
        }
    }

    /** {@code print} does nothing: a script's debugging output has nowhere to go. */
    private static final class NoOutput extends VarArgFunction {

        static final NoOutput INSTANCE = new NoOutput();

        @Override
        public Varargs invoke(Varargs args) {
            return LuaValue.NONE;
        }
    }

    /**
     * {@code string}, {@code table} and {@code math}, loaded once and made read-only, so that a
     * script that assigns to {@code string.x} fails instead of changing what the next script sees.
     * Strings' metatable (shared by the whole JVM in luaj) points to the read-only {@code string}.
     */
    private static final class Libraries {

        final LuaTable string;
        final LuaTable table;
        final LuaTable math;
        final LuaTable os;
        final LuaValue require;
        final java.util.Map<String, LuaTable> refused = new java.util.HashMap<>();

        Libraries() {
            var loader = new Globals();
            loader.load(new BaseLib());
            loader.load(new PackageLib());
            loader.load(new TableLib());
            loader.load(new StringLib());
            loader.load(new MathLib());
            loader.load(new OsLib());
            LuaTable strings = loader.get("string").checktable();
            strings.rawset("dump", new Refused("string.dump()"));
            LuaValue rep = strings.rawget("rep");
            strings.rawset("rep", new BoundedRep(rep));
            LuaTable maths = loader.get("math").checktable();
            maths.rawset("random", LuaValue.NIL);
            maths.rawset("randomseed", LuaValue.NIL);
            this.string = ReadOnlyTable.copyOf(strings);
            this.table = ReadOnlyTable.copyOf(loader.get("table").checktable());
            this.math = ReadOnlyTable.copyOf(maths);
            var clock = new LuaTable();
            for (String name : List.of("time", "date", "clock", "difftime")) {
                clock.rawset(name, loader.get("os").get(name));
            }
            this.os = ReadOnlyTable.copyOf(clock, "os");
            for (String name : REFUSED_LIBRARIES) {
                refused.put(name, ReadOnlyTable.copyOf(new LuaTable(), name));
            }
            this.require = new Require(java.util.Map.of("string", string, "table", table, "math", math, "os", os));
            LuaString.s_metatable = ReadOnlyTable.copyOf(LuaValue.tableOf(new LuaValue[] {LuaValue.INDEX, string}));
        }
    }

    /** {@code string.rep} refusing results over a megabyte, which no health message needs. */
    private static final class BoundedRep extends VarArgFunction {

        private final LuaValue rep;

        BoundedRep(LuaValue rep) {
            this.rep = rep;
        }

        @Override
        public Varargs invoke(Varargs args) {
            long count = Math.max(0, args.checkint(2));
            long length = args.checkstring(1).length() * count + args.optstring(3, LuaValue.EMPTYSTRING).length() * Math.max(0, count - 1);
            if (length > MAX_REPEATED_LENGTH) {
                throw new LuaError("string.rep: a result of " + length + " bytes is over the limit of " + MAX_REPEATED_LENGTH);
            }
            return rep.invoke(args);
        }
    }

    /** A table that refuses every change once filled. */
    private static final class ReadOnlyTable extends LuaTable {

        private boolean sealed;
        private String name = "";

        static ReadOnlyTable copyOf(LuaTable source) {
            return copyOf(source, "");
        }

        /** A copy that fails, naming the field, when a script reads a field it lacks ({@code io.open}, {@code os.execute}). */
        static ReadOnlyTable copyOf(LuaTable source, String name) {
            var copy = new ReadOnlyTable();
            copy.name = name;
            for (Varargs entry = source.next(LuaValue.NIL); !entry.arg1().isnil(); entry = source.next(entry.arg1())) {
                copy.rawset(entry.arg1(), entry.arg(2));
            }
            copy.sealed = true;
            return copy;
        }

        @Override
        public LuaValue get(LuaValue key) {
            LuaValue value = rawget(key);
            if (value.isnil() && !name.isEmpty()) {
                throw new LuaError(name + "." + key.tojstring() + NOT_AVAILABLE);
            }
            return value;
        }

        @Override
        public LuaValue setmetatable(LuaValue metatable) {
            return refuse();
        }

        @Override
        public void set(int key, LuaValue value) {
            refuse();
        }

        @Override
        public void set(LuaValue key, LuaValue value) {
            refuse();
        }

        @Override
        public void rawset(int key, LuaValue value) {
            check();
            super.rawset(key, value);
        }

        @Override
        public void rawset(LuaValue key, LuaValue value) {
            check();
            super.rawset(key, value);
        }

        @Override
        public void hashset(LuaValue key, LuaValue value) {
            check();
            super.hashset(key, value);
        }

        @Override
        public LuaValue remove(int position) {
            return refuse();
        }

        @Override
        public void insert(int position, LuaValue value) {
            refuse();
        }

        @Override
        public void sort(LuaValue comparator) {
            refuse();
        }

        private void check() {
            if (sealed) {
                refuse();
            }
        }

        private static LuaValue refuse() {
            throw new LuaError("the standard libraries are read-only here");
        }
    }
}
