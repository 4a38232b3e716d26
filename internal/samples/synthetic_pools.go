package samples

// The word pools and templates of the synthetic generator, written for
// notegate. A template's {x} is filled from slot x of its pool ({H}, {p},
// {L} and {m} are built by the generator, see fillSlot); [..] marks the
// span that a spammer or troll may disguise, and is not printed.

// pool is the text of one language (or one code-mixed pair) in the mix.
type pool struct {
	// lang is the ISO 639-1 code of the main language.
	lang string
	// sep joins sentences: "" for Chinese and Japanese, " " otherwise.
	sep       string
	titles    []string
	sentences []string
	tags      []string
	spam      []string
	abuse     []string
	// slots holds the words for {a}…{z}, by letter.
	slots map[byte][]string
}

func (p *pool) slot(c byte) []string { return p.slots[c] }

var poolHans = pool{
	lang: "zh",
	titles: []string{
		"{t}的{f}也太好吃了", "{p}三天两夜攻略", "我家{a}的日常", "冬季{c}穿搭分享",
		"新手{s}怎么选", "第一次做{f}", "欢迎美国朋友来小红书", "打工人的午饭",
		"{p}旅行vlog", "学英语的第{n}天", "{a}又在拆家了", "一个人吃{f}也很快乐",
	},
	sentences: []string{
		"{t}去{p}吃了{f}，{e}！", "我家{a}每天的爱好就是睡觉和推东西。",
		"这件{c}是去年买的，今年还在穿。", "有没有人知道{p}哪里的{f}最好吃？",
		"冬天的{s}一定要选保湿的。", "第一次做{f}，失败了三次才成功。",
		"欢迎来自美国的新朋友，有问题可以在评论区问。", "评论区的翻译太好笑了。",
		"大家觉得这样搭配怎么样？", "推荐给所有喜欢{f}的人。",
		"{p}的冬天比想象中冷，记得多穿一点。", "{a}趴在键盘上不让我工作。",
		"这家店人均不到一百，性价比很高。", "周末在家煮了一壶茶，看了一下午书。",
		"排队排了一个小时，还好没让我失望。", "今天学会了一个英语新词，开心。",
		"{c}配白色运动鞋，简单又好看。", "{s}用了两周，皮肤没那么干了。",
		"{t}带{a}去打疫苗，它一路都在叫。", "熊猫基地早上去人最少。",
		"包了一下午饺子，冻起来慢慢吃。", "火锅配冰可乐，{e}。",
		"拍照的时候光线很重要，下午四点最好看。", "已经连续打卡{n}天了，继续加油。",
	},
	tags: []string{"美食", "火锅", "猫", "旅行", "穿搭", "护肤", "学英语", "日常", "探店", "家常菜", "TikTok难民", "熊猫", "饺子", "茶"},
	spam: []string{
		"在家兼职日赚{m}，宝妈学生都可以，[加V信]：{H}",
		"大牌护肤品内部价一折起，[➕V]：{H} 🔥",
		"免费领新人红包，[vx]：{H}",
		"出售各种游戏账号，需要的[加威信] {H}",
		"代开各类发票，电话同号 {P}",
		"点这里领取福利 {L} 名额有限",
		"[加微]{H}，每天分享赚钱项目，稳赚不赔",
	},
	abuse: []string{
		"你是不是[傻逼]啊", "[滚]回你自己的国家去", "[nmsl]，别来我们这里", "发这种东西，[垃圾]",
		"[sha bi]一个，别来这里", "[脑残]吧你",
	},
	slots: map[byte][]string{
		'f': {"火锅", "饺子", "小笼包", "麻辣烫", "烤鸭", "螺蛳粉", "奶茶", "煎饼果子", "红烧肉", "酸菜鱼", "米线", "凉皮"},
		'p': {"成都", "重庆", "上海", "杭州", "西安", "大理", "长沙", "厦门", "哈尔滨", "北京"},
		'a': {"猫", "橘猫", "狗", "布偶猫", "小猫咪"},
		't': {"今天", "周末", "下班后", "昨晚", "早上"},
		'e': {"太幸福了", "绝了", "好治愈", "爱了爱了", "真的没想到"},
		'c': {"大衣", "卫衣", "牛仔裤", "羽绒服", "针织衫"},
		's': {"面霜", "精华", "防晒", "爽肤水", "洗面奶"},
		'n': {"三", "七", "十", "二十", "一百"},
		'm': {"三百", "五百", "一千", "八百"},
	},
}

// Every Traditional template holds at least one character that Simplified
// writes differently, so a test can tell the two pools apart.
var poolHant = pool{
	lang: "zh",
	titles: []string{
		"{p}兩天一夜行程", "我家{a}的週末", "{f}開箱，{e}", "學英文的小撇步",
		"冬天就是要吃火鍋", "自己在家做{f}成功了嗎", "新來的朋友們歡迎",
	},
	sentences: []string{
		"{t}跟朋友們去{p}吃了{f}，{e}！", "我家{a}每天早上準時叫我起床，鬧鐘都不用了。",
		"這家店要排隊一小時，但真的值得。", "有沒有人知道{p}哪裡的{f}最好吃？",
		"週末去爬山，天氣很好，風景超美。", "第一次自己包餃子，形狀有點醜。",
		"歡迎新來的朋友們，看不懂可以點翻譯。", "捷運很方便，悠遊卡一定要買。",
		"{a}睡覺的樣子真的好療癒。", "每天看一集美劇，英文聽力進步很多。",
		"這個價錢在{p}算很便宜了。", "下雨天就想喝一杯熱奶茶。",
	},
	tags: []string{"台灣美食", "香港", "貓", "旅遊", "學英文", "日常", "火鍋", "餃子", "熊貓"},
	spam: []string{
		"在家兼職日賺{m}，[加賴] {H} 詳聊",
		"名牌包包代購，正品保證，[加LINE]：{H}",
		"投資群組穩賺不賠，[私訊] {H} 領取名額",
		"點這裡領取免費禮物 {L}",
	},
	abuse: []string{"你是[白痴]嗎", "[垃圾]文章，[滾]啦", "講這種話的人都是[智障]"},
	slots: map[byte][]string{
		'f': {"火鍋", "餃子", "小籠包", "牛肉麵", "滷肉飯", "珍珠奶茶", "雞排", "蚵仔煎", "鳳梨酥"},
		'p': {"台北", "台南", "高雄", "花蓮", "香港", "九份", "澳門"},
		'a': {"貓", "狗狗", "貓咪", "兩隻貓"},
		't': {"今天", "週末", "下班後", "昨晚"},
		'e': {"太幸福了", "超好吃", "好療癒", "真的推"},
		'm': {"三千", "五千", "兩萬"},
	},
}

var poolEnglish = pool{
	lang: "en",
	sep:  " ",
	titles: []string{
		"TikTok refugee checking in", "Hello from {p}!", "Meet my {a}", "First time trying {f}",
		"Learning Chinese, day {n}", "Is this normal here?", "Outfit check", "Skincare question",
		"What should I cook tonight?", "This app is so wholesome",
	},
	sentences: []string{
		"Just tried {f} for the first time and I'm {e}.", "Hello from {p}! TikTok refugee here.",
		"My {a} knocked my phone off the table again.", "Can someone recommend a good {f} recipe?",
		"The comments translating for each other made my day.", "I don't speak Chinese yet but I'm learning.",
		"Is it rude to leave food on your plate in China?", "Wearing my favourite {c} today.",
		"How do you all get such glowy skin?", "Saving this for later.",
		"The recipes here are so much better than anything on my feed before.",
		"Tones are destroying me but I'm not giving up.", "Please be patient with us newcomers.",
		"Ordered some Chinese snacks online, will report back.", "My {a} says hi to all the cats here.",
		"I could eat {f} every day.", "Thank you for the warm welcome, everyone.",
		"Does anyone know where to buy good oolong in {p}?", "Day {n} and I'm hooked.",
	},
	tags: []string{"TikTokRefugee", "hello", "cat", "food", "learnchinese", "makeup", "ootd", "travel", "recipe", "newhere"},
	spam: []string{
		"Earn {m} a day from home! [WhatsApp] me {P}",
		"FREE iPhone giveaway for new users, claim here: {L}",
		"DM me on [Telegram] {H} for crypto signals 🚀",
		"Hi dear, you look so pretty, text me on [WhatsApp] {P}",
		"Get 10k followers fast, visit {L}",
	},
	abuse: []string{
		"you're such an [idiot]", "nobody wants you here, [loser]", "shut up you [stupid] cow",
		"[fuck] off back to tiktok",
	},
	slots: map[byte][]string{
		'f': {"dumplings", "hot pot", "milk tea", "hand-pulled noodles", "mapo tofu", "scallion pancakes", "bao", "jianbing"},
		'p': {"Ohio", "Texas", "Chicago", "Seattle", "Atlanta", "Denver", "Boston", "Toronto"},
		'a': {"cat", "dog", "tabby", "kitten", "corgi"},
		'c': {"hoodie", "cardigan", "denim jacket", "puffer coat"},
		'e': {"obsessed", "so happy", "in love", "honestly shook"},
		'n': {"3", "5", "12", "30"},
		'm': {"$300", "$500", "$800"},
	},
}

// poolMixed is Chinese and English in one note, as both communities wrote.
var poolMixed = pool{
	lang: "zh",
	titles: []string{
		"TikTok难民报到！Hello from {p}", "今天的outfit怎么样", "weekend vlog｜{q}一日游",
		"这个{s} really works", "Hello大家好 I'm new here",
	},
	sentences: []string{
		"我的中文不好 but I'm trying!", "{f}真的yyds，highly recommend。",
		"新来的refugee求关注 🙏", "第一次吃{f}, honestly amazing.",
		"这个{s}用了两周 and my skin is so much better。", "今天的look是oversize大衣+jeans。",
		"有没有人 explain 一下这个梗？", "Thank you大家的翻译，太暖了！",
		"I love {q}，下次还要去。", "My cat也喜欢睡在键盘上哈哈。",
	},
	tags:  []string{"TikTok难民", "hello", "穿搭", "ootd", "美食", "learnchinese"},
	spam:  []string{"Want to learn Chinese fast? [加我VX]: {H}", "free gift 🎁 [加V] {H} 先到先得"},
	abuse: []string{"ur chinese is [垃圾] lol", "[sb]吧 you", "go back, [傻逼] refugee"},
	slots: map[byte][]string{
		'f': {"火锅", "饺子", "奶茶", "小笼包", "煎饼"},
		'p': {"Ohio", "Texas", "LA", "New York"},
		'q': {"上海", "成都", "杭州", "重庆"},
		's': {"cream", "toner", "sunscreen", "serum"},
	},
}

var poolsOther = []pool{
	{
		lang: "es", sep: " ",
		titles:    []string{"¡Hola desde {p}!", "Mi gato y yo", "Receta fácil"},
		sentences: []string{"Llegué aquí por lo de TikTok.", "Me encanta la comida china.", "¿Alguien sabe una receta fácil de jiaozi?", "Mi gato odia las mañanas.", "Todos son muy amables aquí."},
		spam:      []string{"Gana dinero desde casa, escríbeme por [WhatsApp] {P}"},
		abuse:     []string{"eres un [idiota]"},
		slots:     map[byte][]string{'p': {"México", "Madrid", "Bogotá", "Lima"}},
	},
	{
		lang: "fr", sep: " ",
		titles:    []string{"Bonjour de {p}", "Première recette chinoise"},
		sentences: []string{"Je découvre l'appli.", "Les raviolis chinois ont l'air délicieux.", "Quelqu'un sait où trouver du thé oolong ?", "Merci pour l'accueil !"},
		spam:      []string{"Gagnez de l'argent facilement, [WhatsApp] {P}"},
		abuse:     []string{"quel [idiot], va-t'en"},
		slots:     map[byte][]string{'p': {"Lyon", "Paris", "Montréal", "Bruxelles"}},
	},
	{
		lang: "pt", sep: " ",
		titles:    []string{"Oi, gente!", "Receita de guioza", "Olá de {p}"},
		sentences: []string{"Vim do TikTok também.", "Amo gatos e maquiagem.", "Alguém já foi para Xangai?", "Ficou ótimo, vou fazer de novo."},
		spam:      []string{"Ganhe dinheiro rápido, chama no [WhatsApp] {P}"},
		abuse:     []string{"cala a boca, [idiota]"},
		slots:     map[byte][]string{'p': {"São Paulo", "Lisboa", "Recife"}},
	},
	{
		lang:      "ja",
		titles:    []string{"はじめまして", "東京から来ました", "今日のごはん"},
		sentences: []string{"猫と抹茶スイーツが好きです。", "中国語を少しずつ勉強しています。", "よろしくお願いします。", "このレシピ、作ってみたいです。"},
		spam:      []string{"スマホで簡単に稼げる副業、[LINE]で{H}まで"},
		abuse:     []string{"[バカ]じゃないの"},
	},
	{
		lang: "ko", sep: " ",
		titles:    []string{"서울에서 인사드려요", "중국어 공부 3일차"},
		sentences: []string{"안녕하세요!", "요즘 너무 재밌어요.", "훠궈 맛집 추천해 주세요.", "성조가 너무 어려워요."},
		spam:      []string{"부업으로 하루 십만원, [카톡] {H} 연락주세요"},
		abuse:     []string{"[바보]야 꺼져"},
	},
}

// Words for the contact, link and phone slots that the generator builds.
var (
	handleStems = []string{"abc_", "mei_zhuang_", "shop_vip_", "kk_", "free_gift_", "coin_", "learn_cn_", "game_shop_"}
	linkStems   = []string{"bit.ly/free-gift-", "t.cn/fuli", "tinyurl.com/claim-", "short.example/win-"}
)
