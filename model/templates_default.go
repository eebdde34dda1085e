package model

// defaultTemplates are the messages the app writes until the owner
// rewrites them, in each language. They speak to the client politely
// (вы, dumneavoastră, դուք, თქვენ), by first name, and avoid counting
// words that change with the number ("3 года", "5 лет").
var defaultTemplates = map[string]map[MessageKind]string{
	"en": {
		MessageCheckIn:     "Hello {name}! It has been a while: how are you? We have new things in the shop you might like. Drop by whenever it suits you.",
		MessageFollowUp:    "Hello {name}! Thank you for buying the {item}. Is everything all right with it? If anything is not as it should be, tell me and I will put it right.",
		MessageBirthday:    "Happy birthday, {name}! We wish you health and joy. A small gift is waiting for you in the shop.",
		MessageAnniversary: "{name}, today marks another year since you became our client (years together: {years}). Thank you for your trust! How could we serve you even better?",
		MessagePromise:     "Hello {name}! I promised to let you know: {what}.",
		MessagePayment:     "Hello {name}! A friendly reminder of the {amount} still open. If another way or time to pay suits you better, just tell me.",
		MessageComplaint:   "Hello {name}, I am sorry about what happened ({what}). I want to put it right: when could we talk? I have a few options for you.",
	},
	"ro": {
		MessageCheckIn:     "Bună ziua, {name}! A trecut ceva timp: ce mai faceți? Avem noutăți în magazin care v-ar putea plăcea. Treceți pe la noi când vă convine.",
		MessageFollowUp:    "Bună ziua, {name}! Vă mulțumim că ați cumpărat {item}. Totul este în regulă? Dacă ceva nu e cum trebuie, spuneți-mi și rezolv.",
		MessageBirthday:    "La mulți ani, {name}! Vă dorim sănătate și bucurii. Vă așteaptă un mic cadou la magazin.",
		MessageAnniversary: "{name}, astăzi se împlinește încă un an de când sunteți clientul nostru (ani împreună: {years}). Vă mulțumim pentru încredere! Cum v-am putea servi și mai bine?",
		MessagePromise:     "Bună ziua, {name}! V-am promis că vă anunț: {what}.",
		MessagePayment:     "Bună ziua, {name}! Un mic memento despre suma de {amount} încă neachitată. Dacă vă convine altă modalitate sau altă dată de plată, spuneți-mi.",
		MessageComplaint:   "Bună ziua, {name}, îmi pare rău pentru ce s-a întâmplat ({what}). Vreau să îndrept lucrurile: când putem vorbi? Am câteva variante pentru dumneavoastră.",
	},
	"hy": {
		MessageCheckIn:     "Բարև ձեզ, {name}։ Վաղուց չենք խոսել․ ինչպե՞ս եք։ Խանութում նորույթներ ունենք, որոնք կարող են ձեզ դուր գալ։ Հյուր եկեք, երբ հարմար լինի։",
		MessageFollowUp:    "Բարև ձեզ, {name}։ Շնորհակալություն գնման համար՝ {item}։ Ամեն ինչ կարգի՞ն է։ Եթե ինչ-որ բան այնպես չէ, ասեք, և ես կուղղեմ։",
		MessageBirthday:    "Շնորհավորում ենք ձեր ծննդյան օրը, {name}։ Մաղթում ենք առողջություն և ուրախություն։ Խանութում ձեզ փոքրիկ նվեր է սպասում։",
		MessageAnniversary: "{name}, այսօր լրանում է ևս մեկ տարի, ինչ դուք մեր հաճախորդն եք (միասին տարիներ՝ {years})։ Շնորհակալություն վստահության համար։ Ասեք, ինչպե՞ս կարող ենք ձեզ ավելի լավ սպասարկել։",
		MessagePromise:     "Բարև ձեզ, {name}։ Խոստացել էի տեղեկացնել ձեզ՝ {what}։",
		MessagePayment:     "Բարև ձեզ, {name}։ Բարեկամաբար հիշեցնում եմ դեռ չվճարված {amount} գումարի մասին։ Եթե վճարման այլ եղանակ կամ ժամկետ ավելի հարմար է, պարզապես ասեք։",
		MessageComplaint:   "Բարև ձեզ, {name}։ Շատ ափսոսում եմ կատարվածի համար ({what})։ Ուզում եմ ուղղել իրավիճակը․ ե՞րբ կարող ենք խոսել։ Ձեզ համար մի քանի տարբերակ ունեմ։",
	},
	"ka": {
		MessageCheckIn:     "გამარჯობა, {name}! დიდი ხანია არ გვისაუბრია: როგორ ხართ? მაღაზიაში სიახლეები გვაქვს, რომლებიც შეიძლება მოგეწონოთ. გვეწვიეთ, როცა მოგიხერხდებათ.",
		MessageFollowUp:    "გამარჯობა, {name}! გმადლობთ შენაძენისთვის: {item}. ყველაფერი რიგზეა? თუ რამე ისე არ არის, მითხარით და გამოვასწორებ.",
		MessageBirthday:    "გილოცავთ დაბადების დღეს, {name}! გისურვებთ ჯანმრთელობას და სიხარულს. მაღაზიაში პატარა საჩუქარი გელოდებათ.",
		MessageAnniversary: "{name}, დღეს კიდევ ერთი წელი სრულდება, რაც ჩვენი კლიენტი ხართ (ერთად გატარებული წლები: {years}). გმადლობთ ნდობისთვის! გვითხარით, როგორ მოგემსახუროთ კიდევ უკეთ.",
		MessagePromise:     "გამარჯობა, {name}! დაგპირდით, რომ შეგატყობინებდით: {what}.",
		MessagePayment:     "გამარჯობა, {name}! მეგობრულად შეგახსენებთ გადაუხდელ თანხას: {amount}. თუ გადახდის სხვა გზა ან ვადა უფრო მოგიხერხდებათ, უბრალოდ მითხარით.",
		MessageComplaint:   "გამარჯობა, {name}! ძალიან ვწუხვარ მომხდარის გამო ({what}). მინდა ყველაფერი გამოვასწორო: როდის შეგვიძლია ვისაუბროთ? რამდენიმე ვარიანტი მაქვს თქვენთვის.",
	},
	"ru": {
		MessageCheckIn:     "Здравствуйте, {name}! Давно не общались: как у вас дела? В магазине есть новинки, которые могут вам понравиться. Заходите, когда будет удобно.",
		MessageFollowUp:    "Здравствуйте, {name}! Спасибо за покупку: {item}. Всё ли в порядке? Если что-то не так, скажите, и я всё исправлю.",
		MessageBirthday:    "С днём рождения, {name}! Желаем здоровья и радости. В магазине вас ждёт небольшой подарок.",
		MessageAnniversary: "{name}, сегодня исполняется ещё один год, как вы с нами (лет вместе: {years}). Спасибо за доверие! Подскажите, как нам стать для вас ещё лучше?",
		MessagePromise:     "Здравствуйте, {name}! Я обещал(а) сообщить вам: {what}.",
		MessagePayment:     "Здравствуйте, {name}! Напоминаю о сумме {amount}, которая ещё не оплачена. Если вам удобнее другой способ или срок оплаты, просто скажите.",
		MessageComplaint:   "Здравствуйте, {name}! Мне очень жаль, что так получилось ({what}). Хочу всё исправить: когда вам удобно поговорить? У меня есть для вас несколько вариантов.",
	},
}
