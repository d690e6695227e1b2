import { assertNever } from '../call/machine.js';
import type { AdviceLocale } from './advice-locale.js';
import { hoursIn } from './advice-locale.js';

/** Arabic (Modern Standard): a draft translation (not yet reviewed). */
const hours = hoursIn('ar', {
  one: () => 'ساعة واحدة',
  two: () => 'ساعتين',
  few: (n) => `${n} ساعات`,
  other: (n) => `${n} ساعة`,
});
const within = (h: number | null) => (h === null ? '' : ` خلال ${hours(h)}`);

export const ADVICE_LOCALE_AR: AdviceLocale = {
  lang: 'ar',
  reviewed: false,
  text: {
    'glass.press': 'اضغط جانب كأس زجاجي شفاف بقوة على الطفح أو البقع.',
    'glass.look': 'انظر إلى الطفح من خلال الكأس.',
    'glass.stillSee': 'إذا بقيت ترى البقع من خلال الكأس، فالطفح لا يختفي. اتصل بالرقم 999 الآن.',
    'glass.darkSkin': 'قد يصعب رؤية الطفح على البشرة السمراء أو السوداء. افحص المناطق الأفتح، مثل راحتي اليدين وباطن القدمين والبطن.',
    'glass.dontWait': 'لا تنتظر ظهور الطفح. إذا كان طفلك مريضًا جدًا أو تسوء حالته، فاطلب المساعدة فورًا.',

    'dehydration.dryMouth': 'جفاف الفم أو الشفتين',
    'dehydration.sunkenEyes': 'عينان غائرتان',
    'dehydration.fewTears': 'البكاء بدموع قليلة أو بلا دموع',
    'dehydration.fewerNappies': 'حفاضات مبللة أقل، أو التبول أقل من المعتاد',
    'dehydration.fontanelle': 'انخفاض المنطقة اللينة في أعلى رأس الرضيع (اليافوخ)',
    'dehydration.unwell': 'يبدو مريضًا بشكل عام، أو شاحبًا، أو أكثر نعاسًا من المعتاد',

    'seek.fit': 'أصيب طفلك بنوبة تشنج',
    'seek.nonFadingRash': 'ظهر على طفلك طفح لا يختفي عند الضغط عليه بكأس',
    'seek.hardToWake': 'طفلك نعسان جدًا ويصعب إيقاظه، أو لا يبقى مستيقظًا',
    'seek.colour': 'يبدو جلد طفلك أو شفتاه أو لسانه شاحبًا أو مبقعًا أو رماديًا أو أزرق',
    'seek.breathing': 'يجد طفلك صعوبة كبيرة في التنفس، أو يئن، أو ينسحب الجلد تحت الأضلاع',
    'seek.cry': 'بكاء طفلك ضعيف وحاد ولا يشبه بكاءه المعتاد',
    'seek.neck': 'رقبة طفلك متيبسة، أو يؤلمه الضوء الساطع في عينيه',
    'seek.worse': 'تسوء حالة طفلك، أو أصبحت أكثر قلقًا من قبل',
    'seek.fiveDays': 'يعاني طفلك من حرارة مرتفعة منذ 5 أيام أو أكثر',
    'seek.cannotCope': 'تشعر بضيق شديد، أو لا تستطيع رعاية طفلك في المنزل',
    'seek.dehydrated': 'تظهر على طفلك علامات الجفاف',
    'seek.under3Months': 'عمر طفلك أقل من 3 أشهر وحرارته 38°C أو أكثر',
    'seek.from3To6Months': 'عمر طفلك من 3 إلى 6 أشهر وحرارته 39°C أو أكثر',
    'seek.notThemselves': 'طفلك ليس على طبيعته، أو لا يريد أن يأكل أو يشرب',

    'care.drinks': 'أعطِ طفلك الكثير من السوائل. قدّم له المشروبات بكميات قليلة ومتكررة.',
    'care.breastfeed': 'إذا كنتِ ترضعين طفلك، فاستمري. حليب الأم هو أفضل مشروب لطفلك.',
    'care.night': 'اطمئن على طفلك أثناء الليل.',
    'care.dress': 'ألبس طفلك ملابس عادية وخفيفة. لا تلفه بطبقات كثيرة، ولا تنزع عنه كل ملابسه.',
    'care.noSponging': 'لا تمسح طفلك ولا تغسله بماء بارد لخفض حرارته.',
    'care.nursery': 'أبقِ طفلك بعيدًا عن الحضانة أو المدرسة ما دامت حرارته مرتفعة. أخبر الحضانة أو المدرسة.',
    'care.lookForDehydration': 'انتبه لعلامات الجفاف.',
    'care.rest': 'دع طفلك يرتاح.',

    'medicines.onlyIfUpset': 'لا تعطِ الباراسيتامول أو الإيبوبروفين إلا إذا كان طفلك متضايقًا أو غير مرتاح.',
    'medicines.notForTemperature': 'الدواء لمساعدة طفلك على الشعور بتحسن. وليس فقط لخفض حرارته.',
    'medicines.notBoth': 'أعطِ دواءً واحدًا في كل مرة. لا تعطِ الباراسيتامول والإيبوبروفين معًا.',
    'medicines.swap': 'إذا لم يساعد أحد الدواءين، يمكنك تجربة الآخر بدلًا منه.',
    'medicines.alternate': 'لا تبدّل بين الدواءين إلا إذا بقي طفلك متضايقًا قبل موعد الجرعة التالية.',
    'medicines.stop': 'توقف عن إعطاء الدواء عندما لا يعود طفلك متضايقًا.',
    'medicines.dose': 'اقرأ الجرعة المناسبة لعمر طفلك على العلبة. لا تعطِ أبدًا أكثر مما هو مكتوب.',
    'medicines.noAspirin': 'لا تعطِ الأسبرين للأطفال دون 16 عامًا.',
    'medicines.easePain': 'يمكن للباراسيتامول أو الإيبوبروفين تخفيف الألم.',

    'fever.title': 'ارتفاع الحرارة (الحمى) عند الأطفال',
    'fever.intro':
      'ارتفاع الحرارة شائع جدًا عند الأطفال. يتحسن معظم الأطفال في المنزل. تخبرك هذه الصفحة كيف تعتني بطفلك، ومتى تطلب المساعدة.',
    'fever.expect.definition': 'الحرارة المرتفعة هي 38°C أو أكثر.',
    'fever.expect.virus': 'سببها عادة فيروس. وغالبًا تتحسن من تلقاء نفسها خلال 3 أو 4 أيام.',
    'fever.expect.sleepy': 'قد يكون طفلك أكثر نعاسًا وأقل جوعًا من المعتاد.',
    'expect.worseQuickly': 'قد تسوء حالة الأطفال بسرعة. استمر في الاطمئنان على طفلك، حتى في الليل.',

    'soreThroat.title': 'التهاب الحلق عند الأطفال',
    'soreThroat.intro':
      'التهاب الحلق شائع عند الأطفال. ويتحسن معظمه من تلقاء نفسه. تخبرك هذه الصفحة كيف تعتني بطفلك، ومتى تطلب المساعدة.',
    'soreThroat.expect.virus': 'سبب معظم حالات التهاب الحلق فيروس. وعادة تتحسن خلال أسبوع.',
    'soreThroat.expect.antibiotics': 'المضادات الحيوية لا تفيد في معظم حالات التهاب الحلق.',
    'soreThroat.expect.symptoms': 'قد يعاني طفلك أيضًا من حرارة مرتفعة أو سعال أو سيلان الأنف.',
    'soreThroat.care.softFood': 'قدّم طعامًا باردًا أو لينًا، مثل الزبادي. يمكن للأطفال الأكبر مص المثلجات.',
    'soreThroat.care.noSweets': 'لا تعطِ الأطفال الصغار حلوى صغيرة صلبة أو أقراص مص. قد يختنقون بها.',
    'soreThroat.call999.swallow': 'يجد طفلك صعوبة في البلع، أو يسيل لعابه',
    'soreThroat.call999.stridor': 'يصدر طفلك صوتًا حادًا عند الشهيق',
    'soreThroat.call111.week': 'لم يتحسن التهاب الحلق بعد أسبوع',
    'soreThroat.call111.cannotEat': 'لا يستطيع طفلك الأكل أو الشرب بسبب الألم',
    'call111.veryHot': 'حرارة طفلك مرتفعة جدًا، أو يشعر بالسخونة والرجفة',

    'earPain.title': 'ألم الأذن عند الأطفال',
    'earPain.intro':
      'ألم الأذن شائع عند الأطفال. وغالبًا يسببه التهاب في الأذن. تخبرك هذه الصفحة كيف تعتني بطفلك، ومتى تطلب المساعدة.',
    'earPain.expect.course': 'يتحسن التهاب الأذن عادة من تلقاء نفسه خلال 3 أيام تقريبًا. وقد يستغرق بعضه أسبوعًا.',
    'earPain.expect.antibiotics': 'لا حاجة عادة للمضادات الحيوية. ولا تخفف الألم كثيرًا.',
    'earPain.expect.symptoms': 'قد تكون حرارة طفلك مرتفعة وقد يشد أذنه أو يفركها.',
    'earPain.care.flannel': 'ضع قطعة قماش دافئة أو باردة على الأذن المؤلمة. قد يخفف ذلك الألم.',
    'earPain.care.wipe': 'إذا خرج سائل من الأذن، امسحه برفق بقطعة قطن.',
    'earPain.care.nothingIn': 'لا تضع أي شيء في أذن طفلك، مثل أعواد القطن.',
    'earPain.call111.behindEar': 'يوجد تورم أو احمرار أو ألم خلف الأذن، أو تبرز الأذن للخارج',
    'earPain.call111.discharge': 'يخرج سائل أو صديد من الأذن',
    'earPain.call111.threeDays': 'لم يبدأ ألم الأذن بالتحسن بعد 3 أيام',
    'earPain.call111.under2': 'عمر طفلك أقل من سنتين (2) ويشعر بألم في كلتا أذنيه',
    'earPain.call111.hearing': 'تغيّر سمع طفلك',
    'earPain.call111.stuck': 'علق شيء في أذن طفلك',

    'rash.title': 'الطفح الجلدي عند الأطفال',
    'rash.intro': 'الطفح الجلدي شائع عند الأطفال. ومعظمه غير ضار ويزول من تلقاء نفسه. تخبرك هذه الصفحة كيف تفحص الطفح، ومتى تطلب المساعدة.',
    'rash.expect.virus': 'سبب معظم الطفح فيروس. وعادة يزول من تلقاء نفسه.',
    'rash.expect.changes': 'قد يتغير الطفح بسرعة. افحصه كثيرًا، حتى في الليل.',
    'rash.care.glassTest': 'قم باختبار الكأس على أي بقع أو طفح جديد. أعده إذا تغير الطفح.',
    'rash.care.chickenpox': 'إذا كان طفلك مصابًا بجدري الماء، فأبقه بعيدًا عن الحضانة أو المدرسة حتى تجف كل البثور وتتقشر.',
    'rash.medicines.chickenpox': 'إذا كان طفلك مصابًا بجدري الماء، فلا تعطه الإيبوبروفين إلا إذا طلب الطبيب ذلك.',
    'rash.call999.swelling': 'تورمت شفتا طفلك أو فمه أو وجهه فجأة',
    'rash.call111.temperature': 'لدى طفلك طفح وحرارة مرتفعة',
    'rash.call111.spreading': 'ينتشر الطفح بسرعة، أو تظهر بثور على الجلد أو يتقشر',
    'rash.call111.hotSkin': 'الجلد حول الطفح ساخن أو متورم أو مؤلم',

    'coughCold.title': 'السعال ونزلات البرد والتهاب القصيبات عند الأطفال',
    'coughCold.intro':
      'السعال ونزلات البرد شائعة جدًا عند الأطفال. قد يصاب الرضع بالتهاب القصيبات، وهو التهاب في الصدر يسببه فيروس. تخبرك هذه الصفحة كيف تعتني بطفلك، ومتى تطلب المساعدة.',
    'coughCold.expect.cold': 'تتحسن نزلة البرد عادة خلال 1 إلى 2 أسبوع.',
    'coughCold.expect.cough': 'قد يستمر السعال حتى 3 أسابيع.',
    'coughCold.expect.bronchiolitis': 'يكون التهاب القصيبات غالبًا في أسوأ حالاته بين اليوم 3 واليوم 5. ويتحسن معظم الرضع خلال 2 إلى 3 أسابيع.',
    'coughCold.expect.antibiotics': 'المضادات الحيوية لا تفيد في السعال ونزلات البرد التي يسببها فيروس.',
    'coughCold.care.smallerFeeds': 'إذا كان طفلك يرضع أقل، جرّب رضعات أصغر وأكثر تكرارًا.',
    'coughCold.care.honey': 'إذا كان عمر طفلك أكثر من 1 سنة، فقد يخفف مشروب دافئ بالعسل والليمون السعال. لا تعطِ العسل للرضع دون 1 سنة.',
    'coughCold.care.noSmoke': 'لا تسمح لأحد بالتدخين قرب طفلك.',
    'coughCold.medicines.under6': 'لا تعطِ أدوية السعال أو البرد للأطفال دون 6 سنوات.',
    'coughCold.call999.workingHard': 'يبذل طفلك جهدًا كبيرًا ليتنفس، أو ينسحب الجلد تحت الأضلاع',
    'coughCold.call999.grunting': 'يصدر طفلك أنينًا عندما يتنفس',
    'coughCold.call999.pauses': 'يتوقف تنفس طفلك لفترات قصيرة',
    'coughCold.call999.blue': 'تبدو شفتا طفلك أو لسانه زرقاء أو رمادية',
    'coughCold.call999.floppy': 'طفلك مرتخٍ، أو لا يستيقظ أو لا يبقى مستيقظًا',
    'coughCold.call111.feeding': 'يرضع طفلك أو يشرب أقل من نصف كميته المعتادة',
    'coughCold.call111.nappy': 'لم يبلل طفلك أي حفاض منذ 12 ساعة أو أكثر',
    'coughCold.call111.fastBreathing': 'يتنفس طفلك أسرع من المعتاد',
    'coughCold.call111.tired': 'يبدو طفلك متعبًا جدًا أو سريع الانفعال جدًا',
    'coughCold.call111.threeWeeks': 'استمر السعال أكثر من 3 أسابيع',

    'diarrhoeaVomiting.title': 'الإسهال والتقيؤ عند الأطفال',
    'diarrhoeaVomiting.intro':
      'الإسهال والتقيؤ شائعان عند الأطفال. وسببهما عادة عدوى في المعدة. الخطر الأكبر هو فقدان الكثير من السوائل (الجفاف).',
    'diarrhoeaVomiting.expect.vomiting': 'يتوقف التقيؤ عادة خلال 1 أو 2 يوم.',
    'diarrhoeaVomiting.expect.diarrhoea': 'يتوقف الإسهال عادة خلال 5 إلى 7 أيام.',
    'diarrhoeaVomiting.expect.babies': 'الرضع أكثر عرضة للجفاف. راقبهم عن قرب.',
    'diarrhoeaVomiting.care.sips': 'أعطِ طفلك رشفات صغيرة من الماء كثيرًا، حتى لو كان يتقيأ.',
    'diarrhoeaVomiting.care.keepFeeding': 'استمري في الرضاعة الطبيعية أو بالزجاجة. جرّبي رضعات أصغر وأكثر تكرارًا.',
    'diarrhoeaVomiting.care.water': 'أعطِ الرضع الذين يتناولون الحليب الصناعي أو الطعام الصلب رشفات صغيرة من الماء بين الوجبات.',
    'diarrhoeaVomiting.care.formula': 'لا تجعل الحليب الصناعي أخف من المعتاد.',
    'diarrhoeaVomiting.care.noJuice': 'لا تعطِ عصير الفاكهة أو المشروبات الغازية. فقد تزيد الإسهال سوءًا.',
    'diarrhoeaVomiting.care.sachets': 'يمكن للصيدلي أن يعطيك أكياسًا تُخلط بالماء. فهي تعوّض السوائل والأملاح المفقودة.',
    'diarrhoeaVomiting.care.eat': 'دع طفلك يأكل عندما يرغب في ذلك.',
    'diarrhoeaVomiting.care.handwashing': 'اغسل يديك بالماء والصابون كثيرًا. فهذا يمنع انتشار العدوى.',
    'diarrhoeaVomiting.care.nursery': 'أبقِ طفلك بعيدًا عن الحضانة أو المدرسة حتى يمر 2 يوم على آخر تقيؤ أو إسهال.',
    'diarrhoeaVomiting.medicines.noStopping': 'لا تعطِ أدوية وقف الإسهال للأطفال دون 12 عامًا.',
    'diarrhoeaVomiting.call999.green': 'قيء طفلك أخضر أو أخضر مصفر',
    'diarrhoeaVomiting.call999.blood': 'في قيء طفلك دم، أو يبدو مثل بقايا القهوة المطحونة',
    'diarrhoeaVomiting.call999.tummyAche': 'يعاني طفلك من ألم مفاجئ وشديد جدًا في البطن',
    'diarrhoeaVomiting.call111.keepsBeingSick': 'يستمر طفلك في التقيؤ ولا يستطيع الاحتفاظ بالسوائل',
    'diarrhoeaVomiting.call111.bloodInPoo': 'يوجد دم في براز طفلك',
    'diarrhoeaVomiting.call111.stopsFeeding': 'توقف رضيعك عن الرضاعة الطبيعية أو بالزجاجة',
    'diarrhoeaVomiting.call111.tooLong': 'يتقيأ طفلك منذ أكثر من 2 يوم، أو لديه إسهال منذ أكثر من 7 أيام',

    'general.title': 'رعاية طفلك في المنزل',
    'general.intro': 'يتحسن معظم الأطفال المرضى في المنزل. تخبرك هذه الصفحة كيف تعتني بطفلك، ومتى تطلب المساعدة.',
    'general.expect.viruses': 'سبب معظم أمراض الأطفال فيروسات. وعادة تتحسن من تلقاء نفسها.',
  },
  labels: {
    immediate: 'يلزم اتخاذ إجراء فوري:',
    urgent: 'نصيحة عاجلة:',
    call999Heading: 'اتصل بالرقم 999 إذا:',
    call111Heading: 'اتصل بالرقم 111 أو بطبيبك العام (GP) إذا:',
    call999Button: 'اتصل بالرقم 999',
    call111Button: 'اتصل بالرقم 111',
    glassTestLink: 'كيف تقوم باختبار الكأس',
    moreDetail: 'مزيد من التفاصيل',
    expect: 'ما الذي تتوقعه',
    care: 'كيف تعتني بطفلك',
    medicines: 'الأدوية',
    glassTest: 'كيف تقوم باختبار الكأس',
    dehydration: 'علامات الجفاف',
    dehydrationLead: 'قد لا يحصل طفلك على ما يكفي من السوائل. انتبه إلى:',
    sources: 'مصادر هذه النصائح',
    fromTeam: 'هذه النصائح من فريق الأطفال في NHS 111.',
    print: 'اطبع هذه النصائح',
  },
  recap: (disposition, timeframeHours) => {
    switch (disposition) {
      case 'self_care':
        return 'نصح الممرض برعاية طفلك في المنزل.';
      case 'pharmacy':
        return 'نصح الممرض بالتحدث إلى صيدلي.';
      case 'primary_care':
        return timeframeHours === null ? 'نصح الممرض بحجز موعد مع الطبيب العام (GP).' : `نصح الممرض بمراجعة الطبيب العام (GP)${within(timeframeHours)}.`;
      case 'hub_referral':
        return 'تتم إحالة طفلك إلى عيادة للأطفال.';
      case 'advice_line':
        return 'قدّم أخصائي أطفال نصيحة بشأن طفلك.';
      case 'urgent_treatment_centre':
        return `نصح الممرض بأخذ طفلك إلى مركز العلاج العاجل${within(timeframeHours)}.`;
      case 'emergency_department':
        return `نصح الممرض بأخذ طفلك إلى قسم الطوارئ (A&E)${within(timeframeHours)}.`;
      case 'ambulance':
        return 'يرى الممرض أن طفلك يحتاج إلى سيارة إسعاف. اتصل بالرقم 999 الآن إن لم تكن في الطريق.';
      default:
        return assertNever(disposition);
    }
  },
  // Opens with an Arabic word (the first strong letter sets the direction) and puts the link on its own line.
  sms: (link, nextStep) =>
    `من NHS 111: ${nextStep ?? ''}\n${link}\nاتصل بـ 999 إذا ساءت حالة طفلك كثيرًا أو أصيب بتشنج أو طفح لا يختفي تحت الكأس. و111 إذا قلقت.`,
  inEnglishNote: 'الترجمة قيد المراجعة',
};
