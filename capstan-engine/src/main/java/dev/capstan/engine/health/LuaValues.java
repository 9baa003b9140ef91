package dev.capstan.engine.health;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import tools.jackson.databind.JsonNode;

/**
 * An object's JSON tree as the Lua values Argo CD's health scripts read: objects become tables
 * keyed by field name, arrays become tables indexed from 1, integers stay integers, and JSON
 * {@code null} is {@code nil} (so {@code obj.status ~= nil} means what script authors expect).
 */
final class LuaValues {

    private LuaValues() {
    }

    static LuaValue of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            var table = new LuaTable(0, node.size());
            node.properties().forEach(entry -> {
                LuaValue value = of(entry.getValue());
                if (!value.isnil()) {
                    table.rawset(entry.getKey(), value);
                }
            });
            return table;
        }
        if (node.isArray()) {
            var table = new LuaTable(node.size(), 0);
            int index = 1;
            for (JsonNode element : node) {
                table.rawset(index++, of(element));
            }
            return table;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        return LuaValue.valueOf(node.asString());
    }
}
