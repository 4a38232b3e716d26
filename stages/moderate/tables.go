package moderate

// confusables folds look-alike letters of other scripts to the Latin letter
// they imitate, for lower-case runes that TR39's table (tr39Letters,
// generated from Unicode's confusables.txt and consulted first) does not
// fold the way abusers use them (Cyrillic и for u, Greek η for n, Latin
// small capitals). Mathematical, full-width, circled and parenthesized
// letters need no entry: NFKD already maps them.
var confusables = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'г': 'r', 'е': 'e', 'и': 'u', 'к': 'k', 'м': 'm',
	'н': 'h', 'о': 'o', 'п': 'n', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
	'х': 'x', 'ш': 'w', 'щ': 'w', 'ъ': 'b', 'ь': 'b', 'і': 'i', 'ј': 'j',
	'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w', 'ү': 'y',
	'ѵ': 'v', 'ɡ': 'g', 'ɑ': 'a', 'ꙇ': 'i',
	// Greek
	'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k',
	'μ': 'u', 'ν': 'v', 'ο': 'o', 'π': 'n', 'ρ': 'p', 'τ': 't', 'υ': 'u',
	'χ': 'x', 'ω': 'w', 'ϲ': 'c', 'ϳ': 'j',
	// Latin look-alikes and small capitals
	'ı': 'i', 'ɩ': 'i', 'ɪ': 'i', 'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd',
	'ᴇ': 'e', 'ꜰ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l',
	'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't',
	'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z',
}

// emojiLetter folds regional indicators and negative circled or squared
// letters, which have no compatibility decomposition, to a-z.
func emojiLetter(r rune) (rune, bool) {
	for _, base := range [...]rune{0x1F1E6, 0x1F150, 0x1F170} {
		if base <= r && r < base+26 {
			return 'a' + r - base, true
		}
	}
	return r, false
}

// traditionalPairs lists Traditional characters each followed by its
// Simplified form. It covers the characters of the lexicons and of the
// intent rules and the most common Traditional characters around them; it
// is hand-made, not a full conversion table (TestRuleTermsFoldTraditional
// checks the rules' terms).
const traditionalPairs = "" +
	"斬斩幹干乾干媽妈嗎吗瑪玛碼码馬马罵骂賤贱雞鸡騷骚貨货蕩荡婦妇殺杀槍枪彈弹藥药販贩賣卖買买" +
	"賭赌錢钱網网號号聯联繫系係系約约廁厕裡里裏里來来們们個个這这說说話话語语國国對对從从" +
	"會会應应為为無无與与東东車车長长開开關关門门問问間间聞闻見见覺觉視视親亲現现發发髮发" +
	"過过還还進进運运達达邊边遠远連连選选時时歲岁學学萬万幾几機机電电讓让認认識识謝谢請请" +
	"讀读寫写紅红給给經经結结絕绝線线練练級级組组紙纸終终總总續续腦脑殘残豬猪滾滚頭头題题" +
	"顏颜頁页風风飛飞鳥鸟魚鱼龜龟麼么點点黨党齊齐義义熱热燒烧愛爱戀恋蘿萝處处孫孙嬰婴兒儿" +
	"團团園园圖图報报場场壞坏獎奖夠够導导屍尸嶺岭幣币廣广張张強强彎弯後后徵征恥耻惡恶態态" +
	"慘惨憑凭懷怀戰战擊击搖摇擁拥據据擺摆敗败數数斷断於于書书條条極极樂乐樣样標标權权歡欢" +
	"氣气漢汉滅灭潔洁濕湿災灾煙烟爛烂爺爷牆墙犧牺獨独獸兽瘋疯癡痴盜盗礙碍禍祸種种穩稳窮穷" +
	"筆笔節节範范糧粮緊紧罰罚聖圣聲声職职膽胆臉脸舊旧藝艺蟲虫術术衛卫裝装補补襲袭規规計计" +
	"訂订記记訊讯設设許许詐诈評评試试誘诱誰谁調调談谈論论證证謊谎護护變变貓猫負负財财貧贫" +
	"貸贷費费資资賺赚購购贏赢趕赶跡迹蹤踪輕轻輪轮辦办農农遊游違违遲迟郵邮醫医鐵铁錄录鏈链" +
	"鎮镇鑽钻陸陆陰阴陳陈隊队階阶際际雙双雜杂難难靈灵韓韩響响頻频飯饭飲饮餓饿館馆驗验體体" +
	"鬥斗鬧闹魯鲁鮮鲜麗丽黃黄齒齿龍龙姦奸賓宾偽伪衝冲劑剂勁劲區区協协單单厲厉參参雖虽吳吴" +
	"啟启喪丧噴喷嚇吓囉啰壓压壯壮夢梦奪夺奮奋婁娄孌娈寶宝實实寧宁審审尋寻將将專专尷尴層层" +
	"屬属帶带師师帳帐歸归復复徹彻憂忧慮虑憤愤懶懒懼惧戲戏執执掃扫掛挂採采換换揚扬損损搶抢" +
	"撥拨擔担擠挤擴扩攝摄攤摊敵敌斃毙暫暂曬晒殼壳毀毁決决沒没淚泪淺浅渾浑溝沟滿满漲涨潛潜" +
	"灣湾鳳凤產产畫画療疗癮瘾盡尽監监盤盘確确禮礼禦御離离稅税積积穀谷窩窝競竞簡简籤签紀纪" +
	"紋纹純纯細细統统綁绑維维緣缘編编縣县繳缴罷罢羅罗習习聰聪聽听脅胁脫脱腸肠膚肤舉举艱艰" +
	"華华葉叶蔣蒋薦荐蘭兰蝦虾衆众眾众製制複复襪袜覽览觸触訓训託托診诊詢询該该詳详誇夸誤误" +
	"課课誼谊諾诺謀谋講讲謎谜譜谱議议讚赞豐丰豎竖貝贝貞贞貢贡貪贪貼贴貿贸賀贺賄贿賠赔賴赖" +
	"贈赠贊赞贖赎趙赵軍军軟软較较載载輔辅輸输轉转轟轰辭辞邁迈邏逻鄉乡鄰邻醜丑釋释針针釣钓" +
	"銀银銷销鋼钢錯错鍵键鏡镜鐘钟閃闪閉闭閱阅闆板闖闯陣阵陽阳隨随險险隱隐雲云靜静頂顶項项" +
	"順顺預预領领顆颗顧顾顯显飄飘飽饱養养餘余騙骗騎骑驚惊髒脏鬆松鴉鸦鴨鸭鵝鹅鹽盐麥麦黴霉" +
	"齡龄廢废樓楼兇凶綠绿筍笋澀涩瑣琐闊阔蟻蚁螞蚂嘰叽嘯啸噁恶屌屌騙骗陰阴莖茎妳你祂他孃娘" +
	"嬸婶媧娲奶奶縱纵慾欲獄狱漿浆溼湿爽爽婬淫妓妓嫖嫖氹凼劊刽挾挟綱纲紮扎鈔钞鉅巨鍋锅鎖锁" +
	"鑰钥閒闲闈闱雛雏雞鸡鴿鸽麵面麼么黑黑鼠鼠齋斋擼撸擄掳摳抠攪搅攜携擬拟擰拧儘尽優优傷伤" +
	"傳传僅仅價价儀仪億亿倆俩們们備备僱雇儲储嚴严勢势勝胜勞劳動动匯汇廠厂縮缩綜综網网縫缝" +
	"繩绳繪绘臟脏臨临艦舰莊庄蒼苍蓋盖蔔卜虛虚衍衍詞词讀读變变豔艳賊贼賽赛贓赃趨趋蹟迹軀躯" +
	"輩辈迴回遞递遺遗邊边鄭郑釘钉鈴铃鉛铅銳锐錦锦鍾钟鎊镑鑄铸長长閣阁闡阐陝陕隸隶雕雕靂雳" +
	"韋韦頌颂頓顿頗颇頸颈顛颠颱台驅驱駕驾騰腾騷骚驢驴骯肮鬍胡魷鱿鯊鲨鯨鲸鰻鳗鳴鸣鴻鸿鵬鹏" +
	"鶴鹤鷹鹰麼么黨党鼴鼹齊齐龐庞龕龛" +
	// Characters of the intent rules (rules/*.yaml).
	"業业絲丝丟丢褻亵傘伞傾倾內内準准減减劃划刪删劇剧勸劝務务歷历曆历廳厅厭厌籲吁員员圍围" +
	"爾尔幫帮並并併并當当憶忆慫怂懲惩戶户搗捣撐撑檻槛瀉泻澆浇猶犹獵猎類类織织聾聋營营獲获" +
	"穫获蠻蛮訣诀訴诉謹谨賬账質质譽誉額额饞馋驟骤週周蘋苹隻只著着" +
	"砲炮"

var traditionalToSimplified = func() map[rune]rune {
	m := make(map[rune]rune, len(traditionalPairs)/6)
	rs := []rune(traditionalPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] != rs[i+1] {
			m[rs[i]] = rs[i+1]
		}
	}
	return m
}()
