package dev.capstan.cli;

/** A command that cannot do what was asked, for a reason the user can act on; printed as is. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
