package dev.geminibot.testbed;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Environment variables for one test's bot, on top of its {@link BotExtension}'s: {@code "NAME=value"} each.
 * They are set before the bot starts, as an operator sets them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BotEnv {
    String[] value();
}
