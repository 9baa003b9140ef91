package dev.capstan.render.jsonnet;

import java.util.Map;
import scala.Function1;
import scala.Option;
import scala.runtime.BoxedUnit;
import sjsonnet.CachedResolver;
import sjsonnet.DefaultParseCache;
import sjsonnet.Evaluator;
import sjsonnet.Expr;
import sjsonnet.Lazy;
import sjsonnet.Path;
import sjsonnet.Settings;
import sjsonnet.Std;
import sjsonnet.Val;

/**
 * sjsonnet's interpreter with an evaluator that gives up once its thread is interrupted. sjsonnet
 * has no way to cancel an evaluation; every step of a Jsonnet program passes through
 * {@code visitExpr}, so checking there stops loops and recursion written in Jsonnet. A single long
 * call into the standard library (such as {@code std.range} over a billion numbers) is not
 * interrupted until it returns.
 */
final class StoppableInterpreter extends sjsonnet.Interpreter {

    /** Thrown inside the evaluation when its thread has been interrupted. */
    static final class Stopped extends RuntimeException {

        Stopped() {
            super("evaluation stopped", null, false, false);
        }
    }

    /** sjsonnet's defaults ({@code Settings.default} cannot be named from Java). */
    private static final Settings DEFAULT_SETTINGS = new Settings(false, false, false, false, false, false);

    StoppableInterpreter(Map<String, String> extVars, Map<String, String> tlas, TreeImporter importer) {
        super(scalaMap(extVars), scalaMap(tlas), TreePath.ROOT, importer, new DefaultParseCache(), DEFAULT_SETTINGS,
                null, warning -> BoxedUnit.UNIT, new Std().Std());
    }

    /** Called by sjsonnet's constructor, before this class's fields would be set: it must use none. */
    @Override
    public Evaluator createEvaluator(CachedResolver resolver, Function1<String, Option<Expr>> extVars, Path wd,
            Settings settings, Function1<sjsonnet.Error, BoxedUnit> warn) {
        return new Evaluator(resolver, extVars, wd, settings, warn) {
            @Override
            public Val visitExpr(Expr expr, Lazy[] scope) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Stopped();
                }
                return super.visitExpr(expr, scope);
            }
        };
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        scala.collection.immutable.Map<String, String> result = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            result = result.updated(entry.getKey(), entry.getValue());
        }
        return result;
    }
}
