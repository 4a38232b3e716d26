package main

// The tables below are written for notegate, not taken from CC-CEDICT. They
// cover function words, where a dictionary's first sense reads badly in a
// word-by-word gloss (的 "of; ~'s", 在 "to exist"), and particles that
// English does not spell at all. An empty value drops the word.

// zhOverrides fixes the English gloss of common Chinese function words.
var zhOverrides = map[string]string{
	"的": "", "地": "", "得": "", "了": "", "着": "", "著": "", "过": "", "過": "",
	"吗": "", "嗎": "", "呢": "", "吧": "", "啊": "", "呀": "", "哦": "", "嘛": "",
	"啦": "", "哈": "ha", "哈哈": "haha", "哈哈哈": "hahaha", "嘿": "hey",
	"个": "", "個": "", "么": "", "麼": "",
	"是": "is", "在": "at", "我": "I", "你": "you", "您": "you", "他": "he",
	"她": "she", "它": "it", "我们": "we", "我們": "we", "你们": "you", "你們": "you",
	"他们": "they", "他們": "they", "她们": "they", "她們": "they", "咱们": "we", "咱們": "we",
	"很": "very", "也": "also", "都": "all", "和": "and", "跟": "with", "与": "and",
	"與": "and", "不": "not", "没": "not", "沒": "not", "没有": "don't have",
	"沒有": "don't have", "这": "this", "這": "this", "那": "that", "这个": "this",
	"這個": "this", "那个": "that", "那個": "that", "这里": "here", "這裡": "here",
	"那里": "there", "那裡": "there", "有": "have", "要": "want", "会": "will",
	"會": "will", "想": "want", "能": "can", "可以": "can", "就": "just",
	"还": "still", "還": "still", "又": "again", "太": "too", "真": "really",
	"好": "good", "给": "give", "給": "give", "把": "", "被": "by", "从": "from",
	"從": "from", "到": "to", "对": "to", "對": "to", "为": "for", "為": "for",
	"一个": "a", "一個": "a", "什么": "what", "什麼": "what", "怎么": "how",
	"怎麼": "how", "为什么": "why", "為什麼": "why", "谁": "who", "誰": "who",
	"哪里": "where", "哪裡": "where", "自己": "oneself", "大家": "everyone",
	"朋友们": "friends", "朋友們": "friends", "家人们": "folks", "家人們": "folks",
	"姐妹们": "sisters", "姐妹們": "sisters", "宝宝": "baby", "寶寶": "baby",
	"超": "super", "超级": "super", "超級": "super", "好吃": "delicious",
	"一起": "together", "第一次": "first time", "推荐": "recommend", "推薦": "recommend",
	"谢谢": "thanks", "謝謝": "thank you", "欢迎": "welcome", "歡迎": "welcome",
	// Pronoun + 是 and pronoun + 的 read better as one English unit.
	"我是": "I am", "你是": "you are", "您是": "you are", "他是": "he is", "她是": "she is",
	"我们是": "we are", "我們是": "we are", "这是": "this is", "這是": "this is",
	"那是": "that is", "我的": "my", "你的": "your", "您的": "your", "他的": "his",
	"她的": "her", "我们的": "our", "我們的": "our", "他们的": "their", "他們的": "their",
	"特别": "especially", "特別": "especially", "这家": "this", "這家": "this",
	"地方": "place", "好玩": "fun", "值得": "worth", "求": "looking for",
	"小红书": "RedNote", "小紅書": "RedNote", "抖音": "Douyin",
}

// enOverrides fixes the Chinese rendering of common English function words.
var enOverrides = map[string]string{
	"the": "", "a": "", "an": "", "to": "", "do": "", "does": "", "did": "",
	"been": "", "being": "",
	"i": "我", "me": "我", "my": "我的", "mine": "我的", "you": "你", "your": "你的",
	"yours": "你的", "he": "他", "him": "他", "his": "他的", "she": "她", "her": "她",
	"hers": "她的", "we": "我们", "us": "我们", "our": "我们的", "they": "他们",
	"them": "他们", "their": "他们的", "it": "它", "its": "它的",
	"this": "这个", "that": "那个", "these": "这些", "those": "那些",
	"is": "是", "am": "是", "are": "是", "was": "是", "were": "是", "be": "是",
	"of": "的", "and": "和", "or": "或", "but": "但是", "in": "在", "on": "在",
	"at": "在", "for": "为了", "with": "和", "from": "从", "not": "不", "no": "不",
	"very": "很", "so": "很", "too": "也", "also": "也", "what": "什么", "who": "谁",
	"where": "哪里", "when": "什么时候", "why": "为什么", "how": "怎么",
	"can": "可以", "could": "可以", "will": "会", "would": "会", "should": "应该",
	"have": "有", "has": "有", "had": "有", "here": "这里", "there": "那里",
	"if": "如果", "because": "因为", "all": "都", "just": "只是", "really": "真的",
	"more": "更", "most": "最", "some": "一些", "any": "任何", "many": "很多",
	"much": "很多", "about": "关于", "by": "通过", "yes": "是的", "ok": "好的",
	"okay": "好的", "please": "请", "thanks": "谢谢", "thank you": "谢谢",
	"hi": "你好", "hello": "你好", "hey": "嘿", "bye": "再见", "lol": "哈哈",
	"don't": "不", "doesn't": "不", "didn't": "没", "can't": "不能", "won't": "不会",
	"isn't": "不是", "aren't": "不是", "wasn't": "不是", "i'm": "我", "you're": "你",
	"it's": "这", "that's": "那", "let's": "我们", "there's": "有", "i've": "我",
	"i'll": "我会", "we're": "我们", "they're": "他们",
	"like": "喜欢", "love": "爱", "want": "想", "go": "去", "come": "来",
	"new": "新", "good": "好", "great": "很棒", "nice": "不错", "best": "最好",
	"everyone": "大家", "friend": "朋友", "friends": "朋友们", "guys": "大家",
	"today": "今天", "tomorrow": "明天", "yesterday": "昨天", "now": "现在",
	"food": "美食", "eat": "吃", "try": "试试", "here's": "这是",
	"american": "美国人", "chinese": "中文", "english": "英语",
	"refugee": "难民", "rednote": "小红书",
	"hotpot": "火锅", "hot pot": "火锅",
	// Social-media senses, which a dictionary lists late or not at all.
	"photo": "照片", "pic": "照片", "teacher": "老师", "follow": "关注",
	"post": "帖子", "share": "分享", "comment": "评论", "spicy": "辣",
	"feed": "推荐页", "vlog": "视频日志", "app": "应用",
	// Everyday verbs and adjectives whose first dictionary match is a
	// narrower word (hot→热门, drink→喝酒, buy→买入).
	"hot": "热", "drink": "喝", "buy": "买", "make": "做", "look": "看", "see": "看",
	"run": "跑", "swim": "游泳", "play": "玩", "cook": "做饭", "know": "知道",
	"think": "觉得", "say": "说", "visit": "参观", "walk": "走路", "job": "工作",
	"tired": "累", "get": "得到", "give": "给", "take": "拿", "watch": "看",
	"USA": "美国", "US": "美国", "America": "美国", "Internet": "互联网",
	"internet": "互联网", "Xiaohongshu": "小红书", "RedNote": "小红书",
	"learning": "学习", "hard": "难", "last": "最后", "looking for": "寻找",
	"look for": "寻找", "check out": "看看",
	// Irregular past tenses, which the run-time lemmatizer does not undo.
	"went": "去了", "ate": "吃了", "saw": "看到", "made": "做了", "got": "得到",
	"came": "来了", "took": "拿了", "gave": "给了", "said": "说", "thought": "觉得",
	"bought": "买了", "found": "找到", "knew": "知道", "felt": "觉得", "left": "离开",
	"told": "告诉", "met": "遇见", "wrote": "写了", "ran": "跑了", "began": "开始",
	"help": "帮助", "need": "需要", "find": "找到", "use": "用", "tell": "告诉",
}
