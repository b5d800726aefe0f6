package dev.podgrep.app.pages;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The pages' texts that hold numbers: ICU message patterns from {@code messages*.properties}, so that counts agree
 * in every language ({@code 1 hit}, {@code 2 hits}; {@code 1 совпадение}, {@code 3 совпадения}, {@code 5 совпадений}).
 * Plain labels are read by the templates directly ({@code #{...}}).
 */
@Component
public class PageText {

    private final MessageSource messages;

    public PageText(MessageSource messages) {
        this.messages = messages;
    }

    /** The message {@code key} formatted with ICU's MessageFormat (plural and select rules of the locale). */
    public String format(String key, Locale locale, Object... arguments) {
        String pattern = messages.getMessage(key, null, locale);
        return new MessageFormat(pattern, ULocale.forLocale(locale)).format(arguments);
    }

    /** The message {@code key} as written (no formatting). */
    public String get(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
