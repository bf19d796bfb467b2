namespace GridGeo.Core.Generation;

/// <summary>
/// Place names for generated districts: every name is drawn by index from fixed word lists, so a
/// name is unique within its kind and the same index always gives the same name.
/// </summary>
internal static class ChineseNames
{
    private static readonly string[] Words =
    [
        "幸福", "和平", "建设", "人民", "解放", "新华", "文化", "光明", "团结", "胜利", "友谊", "振兴",
        "长征", "红旗", "朝阳", "东风", "青年", "民主", "中山", "南湖", "凤凰", "桂花", "丹桂", "银杏",
        "翠柏", "松林", "竹园", "荷花", "梅岭", "兰亭", "金沙", "银河", "玉屏", "云峰", "龙泉", "虎山",
        "鹤鸣", "鸭溪", "枫香", "茶园", "桃源", "杏坛", "柳岸", "石门", "水口", "新民", "安居", "乐业",
        "永安", "太平", "平安", "吉祥", "康宁", "富民", "兴隆", "万福", "天宝", "龙坪", "三岔", "白果",
        "青杠", "马鞍", "尚嵇", "乌江",
    ];

    private static readonly string[] Prefixes = ["", "新", "东", "西", "南", "北", "中", "上", "下", "大", "小", "前", "后"];
    private static readonly string[] RoadSuffixes = ["路", "街", "巷", "大道"];
    private static readonly string[] CompoundSuffixes = ["小区", "花园", "苑", "家园", "新城", "雅居"];
    private static readonly string[] Numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    private static readonly Dictionary<string, string> Provinces = new()
    {
        ["11"] = "北京市", ["12"] = "天津市", ["13"] = "河北省", ["14"] = "山西省", ["21"] = "辽宁省", ["22"] = "吉林省",
        ["23"] = "黑龙江省", ["31"] = "上海市", ["32"] = "江苏省", ["33"] = "浙江省", ["34"] = "安徽省", ["35"] = "福建省",
        ["36"] = "江西省", ["37"] = "山东省", ["41"] = "河南省", ["42"] = "湖北省", ["43"] = "湖南省", ["44"] = "广东省",
        ["50"] = "重庆市", ["51"] = "四川省", ["52"] = "贵州省", ["53"] = "云南省", ["61"] = "陕西省", ["62"] = "甘肃省",
    };

    /// <summary>Province, city and county names for a 6-digit county code, e.g. 贵州省遵义市播州区 for 520321.</summary>
    public static string RegionPrefix(string countyCode)
    {
        var province = Provinces.GetValueOrDefault(countyCode[..2], "示范省");
        var city = countyCode[..4] == "5203" ? "遵义市" : Words[int.Parse(countyCode[2..4]) % Words.Length] + "市";
        return province + city + County(countyCode);
    }

    /// <summary>The county (district) name for a 6-digit county code, e.g. 播州区 for 520321.</summary>
    public static string County(string countyCode)
        => countyCode == "520321" ? "播州区" : Words[(int.Parse(countyCode[4..6]) + 17) % Words.Length] + "区";

    public static string Street(int index, bool town) => Variant(index, 0) + (town ? "镇" : "街道");
    public static string UrbanCommunity(int index) => Variant(index, 11) + "社区";
    public static string Village(int index) => Variant(index, 23) + "村";

    public static string Road(int index)
    {
        var word = Words[(index + 5) % Words.Length];
        var round = index / Words.Length;
        if (round < RoadSuffixes.Length) return word + RoadSuffixes[round];
        return word + Number(round - RoadSuffixes.Length + 2) + "路";
    }

    public static string Compound(int index)
    {
        var word = Words[(index + 31) % Words.Length];
        var round = index / Words.Length;
        var suffix = CompoundSuffixes[round % CompoundSuffixes.Length];
        var phase = round / CompoundSuffixes.Length;
        return phase == 0 ? word + suffix : word + suffix + Number(phase + 1) + "期";
    }

    /// <summary>Chinese numerals 1–99 (一 … 九十九), digits above.</summary>
    public static string Number(int n)
    {
        if (n is < 1 or > 99) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (n <= 10) return Numerals[n];
        var tens = n / 10;
        var ones = n % 10;
        return (tens == 1 ? "" : Numerals[tens]) + "十" + (ones == 0 ? "" : Numerals[ones]);
    }

    private static string Variant(int index, int shift)
    {
        var word = Words[(index + shift) % Words.Length];
        var round = index / Words.Length;
        if (round < Prefixes.Length) return Prefixes[round] + word;
        return word + Number(round - Prefixes.Length + 2);
    }
}
