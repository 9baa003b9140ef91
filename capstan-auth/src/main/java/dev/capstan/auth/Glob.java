package dev.capstan.auth;

/**
 * The patterns of RBAC policies, as Argo CD matches them: {@code *} stands for any run of
 * characters (slashes included, so {@code *} matches {@code shop/web}), {@code ?} for any one
 * character; everything else stands for itself. The whole value must match.
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
