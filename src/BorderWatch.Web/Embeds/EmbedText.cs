using System.Collections.Frozen;
using BorderWatch.Core.Crossings;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// The words of the widgets in each language they speak. The page sends the strings of its language to its script, so
/// the server's first render and the script's live updates say the same thing.
/// </summary>
/// <remarks>
/// Templates hold <c>{0}</c> for a formatted number. Ages ("4 minutes ago") are left to the browser's
/// <c>Intl.RelativeTimeFormat</c>, which knows every language's plural rules.
/// </remarks>
public sealed record EmbedText
{
    public required string Lang { get; init; }
    public bool RightToLeft { get; init; }
    public required string Queue { get; init; }
    public required string Vehicles { get; init; }
    public required string Wait { get; init; }
    public required string Updated { get; init; }
    public required string NoData { get; init; }
    public required string Stale { get; init; }
    public required string Demo { get; init; }
    public required string Confidence { get; init; }
    public required string Rising { get; init; }
    public required string Falling { get; init; }
    public required string Steady { get; init; }
    public required string Source { get; init; }
    public required string Last24h { get; init; }
    public required string Live { get; init; }
    public required string Derived { get; init; }
    public required string Km { get; init; }
    public required string M { get; init; }
    public required string Mi { get; init; }
    public required string Hours { get; init; }
    public required string Minutes { get; init; }

    public static EmbedText English { get; } = new()
    {
        Lang = "en", Queue = "queue", Vehicles = "vehicles", Wait = "wait", Updated = "updated {0}", NoData = "No readings yet",
        Stale = "out of date", Demo = "demo data", Confidence = "confidence {0}", Rising = "rising", Falling = "falling",
        Steady = "steady", Source = "Source: {0}", Last24h = "last 24 h", Live = "live", Derived = "≈ estimated from the other figures",
        Km = "{0} km", M = "{0} m", Mi = "{0} mi", Hours = "{0} h", Minutes = "{0} min",
    };

    /// <summary>Every language the widgets speak, by BCP 47 primary tag.</summary>
    public static FrozenDictionary<string, EmbedText> All { get; } = new EmbedText[]
    {
        English,
        new()
        {
            Lang = "ru", Queue = "очередь", Vehicles = "машин", Wait = "ожидание", Updated = "обновлено {0}", NoData = "Данных пока нет",
            Stale = "устарело", Demo = "демо-данные", Confidence = "достоверность {0}", Rising = "растёт", Falling = "убывает",
            Steady = "без изменений", Source = "Источник: {0}", Last24h = "за 24 ч", Live = "онлайн", Derived = "≈ рассчитано по другим данным",
            Km = "{0} км", M = "{0} м", Mi = "{0} миль", Hours = "{0} ч", Minutes = "{0} мин",
        },
        new()
        {
            Lang = "uk", Queue = "черга", Vehicles = "авто", Wait = "очікування", Updated = "оновлено {0}", NoData = "Даних поки немає",
            Stale = "застаріло", Demo = "демо-дані", Confidence = "достовірність {0}", Rising = "зростає", Falling = "зменшується",
            Steady = "без змін", Source = "Джерело: {0}", Last24h = "за 24 год", Live = "наживо", Derived = "≈ обчислено з інших даних",
            Km = "{0} км", M = "{0} м", Mi = "{0} миль", Hours = "{0} год", Minutes = "{0} хв",
        },
        new()
        {
            Lang = "ar", RightToLeft = true, Queue = "الطابور", Vehicles = "مركبة", Wait = "الانتظار", Updated = "آخر تحديث {0}",
            NoData = "لا توجد قراءات بعد", Stale = "قديمة", Demo = "بيانات تجريبية", Confidence = "الثقة {0}", Rising = "في ازدياد",
            Falling = "في انخفاض", Steady = "مستقر", Source = "المصدر: {0}", Last24h = "آخر 24 ساعة", Live = "مباشر",
            Derived = "≈ محسوبة من الأرقام الأخرى", Km = "{0} كم", M = "{0} م", Mi = "{0} ميل", Hours = "{0} ساعة", Minutes = "{0} دقيقة",
        },
        new()
        {
            Lang = "fi", Queue = "jono", Vehicles = "ajoneuvoa", Wait = "odotus", Updated = "päivitetty {0}", NoData = "Ei vielä havaintoja",
            Stale = "vanhentunut", Demo = "esittelydataa", Confidence = "luotettavuus {0}", Rising = "kasvaa", Falling = "lyhenee",
            Steady = "ennallaan", Source = "Lähde: {0}", Last24h = "viim. 24 h", Live = "suorana", Derived = "≈ laskettu muista luvuista",
            Km = "{0} km", M = "{0} m", Mi = "{0} mi", Hours = "{0} h", Minutes = "{0} min",
        },
        new()
        {
            Lang = "ka", Queue = "რიგი", Vehicles = "მანქანა", Wait = "ლოდინი", Updated = "განახლდა {0}", NoData = "მონაცემები ჯერ არ არის",
            Stale = "მოძველებული", Demo = "სადემონსტრაციო მონაცემები", Confidence = "სანდოობა {0}", Rising = "იზრდება",
            Falling = "მცირდება", Steady = "უცვლელი", Source = "წყარო: {0}", Last24h = "ბოლო 24 სთ", Live = "პირდაპირ",
            Derived = "≈ გამოთვლილია სხვა მონაცემებით", Km = "{0} კმ", M = "{0} მ", Mi = "{0} მილი", Hours = "{0} სთ", Minutes = "{0} წთ",
        },
    }.ToFrozenDictionary(t => t.Lang, StringComparer.Ordinal);

    /// <summary>The crossing's name as readers of this language know it: an alias in the language, else the gazetteer name.</summary>
    public string NameOf(Crossing crossing)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        if (Lang == "en")
        {
            return crossing.Name;
        }

        return crossing.Aliases.FirstOrDefault(a => a.Lang == Lang && !a.Text.StartsWith('#'))?.Text ?? crossing.Name;
    }
}
