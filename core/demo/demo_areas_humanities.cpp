// Research areas of the demo corpus, part two: neuroscience, health, the social sciences and history.
// Every phrase is written for the grammatical role documented in demo_catalogue.h.
#include "core/demo/demo_catalogue_tables.h"

namespace rankpo::demo {
namespace {

constexpr AreaSpec kAreas[] = {
    {"neuroscience",
     "Neuroscience|Neurobiology|Brain Sciences",
     "Department of Neuroscience|Institute of Neuroscience|School of Psychology and Neuroscience"
     "|Department of Physiology, Anatomy and Genetics",
     "Neuroscience|Biology|Brain|Nervous system|Neurology",
     "neuroscience, biology, psychology or a related field",
     TextStyle::LifeScience,
     {{"neurodegeneration",
       "Neurodegeneration|Alzheimer's disease|Parkinson's disease|Amyloid beta|Tau protein|Microglia"
       "|Neuroinflammation|Alpha-synuclein|Dementia|Neuroprotection",
       "induced pluripotent stem cell-derived neurons|transgenic mouse models|positron emission tomography"
       "|fluid biomarker assays|proteomics of post-mortem brain tissue|gene therapy vectors",
       "protein aggregation in Alzheimer's disease|microglial responses in neurodegeneration"
       "|dopaminergic neuron loss in Parkinson's disease|early biomarkers of dementia|neuroprotective therapies"
       "|synaptic dysfunction in ageing",
       "the long preclinical phase of neurodegenerative disease"
       "|the spread of pathological proteins between brain regions|the failure of disease-modifying trials"
       "|heterogeneity among patients|the link between inflammation and neuronal loss",
       "patient-derived neurons|a longitudinal cohort of older adults|aged transgenic mice"
       "|post-mortem brain tissue|clinical trial participants",
       "blood biomarkers predict cognitive decline years before diagnosis"
       "|microglia clear aggregates early but drive damage later in disease"
       "|pathological tau spreads along connected neural pathways"
       "|reducing alpha-synuclein restores dopamine release in model neurons"
       "|synapse loss precedes neuronal death by several months"},
      {"neural circuits and systems neuroscience",
       "Neural circuit|Electrophysiology|Optogenetics|Hippocampus|Cerebral cortex|Synaptic plasticity"
       "|Interneuron|Calcium imaging|Neuron|Behavior",
       "in vivo two-photon calcium imaging|optogenetic manipulation|high-density electrophysiology"
       "|viral circuit tracing|closed-loop behavioural experiments|patch-clamp recordings",
       "hippocampal memory circuits|sensory processing in the cortex|the neural control of movement"
       "|synaptic plasticity during learning|circuits for fear and anxiety|sleep and memory consolidation",
       "how distributed circuits coordinate behaviour|the cellular basis of memory storage"
       "|the variability of neural responses across trials|the link between circuit activity and behaviour"
       "|the role of inhibitory interneurons",
       "awake behaving mice|acute brain slices|head-fixed animals performing a decision task"
       "|songbirds learning to sing|large-scale recordings across brain areas",
       "silencing a small population of interneurons abolishes memory recall"
       "|sleep replay of waking activity predicts next-day performance"
       "|cortical neurons encode both the stimulus and the expected reward"
       "|plasticity at a single synapse type is sufficient for learning"
       "|motor cortex activity anticipates movement by hundreds of milliseconds"},
      {"cognitive neuroimaging",
       "Functional magnetic resonance imaging|Neuroimaging|Electroencephalography|Cognition|Working memory"
       "|Prefrontal cortex|Functional connectivity|Magnetoencephalography|Brain mapping|Resting state fMRI",
       "functional magnetic resonance imaging|electroencephalography|magnetoencephalography"
       "|representational similarity analysis|network analysis of functional connectivity"
       "|transcranial magnetic stimulation",
       "working memory and attention|language processing in the brain|decision making and reward"
       "|brain development in adolescence|functional brain networks in ageing|perception and predictive processing",
       "the low reproducibility of brain-behaviour associations|individual differences in brain organisation"
       "|the limited temporal resolution of imaging|the distinction between cause and correlation in imaging data"
       "|head motion and other artefacts",
       "healthy adult volunteers|a large population imaging cohort|children and adolescents scanned longitudinally"
       "|patients with focal brain lesions|simultaneous EEG and fMRI recordings",
       "prefrontal activity tracks the precision of items held in working memory"
       "|reliable brain-behaviour associations require samples of thousands"
       "|network integration declines with age and predicts slower processing"
       "|prediction errors in sensory cortex scale with surprise"
       "|stimulation of parietal cortex selectively impairs attention"},
      {"computational neuroscience",
       "Computational neuroscience|Artificial neural network|Dynamical systems theory|Bayesian inference"
       "|Spiking neural network|Neural coding|Mathematical model|Theoretical neuroscience|Connectome|Attractor",
       "recurrent neural network models|spiking network simulations|Bayesian observer models"
       "|dynamical systems analysis|latent variable models of population activity|biophysical neuron models",
       "the neural coding of uncertainty|attractor dynamics in memory|learning rules in biological networks"
       "|population dynamics in motor cortex|models of decision making|brain-inspired learning algorithms",
       "the link between models and large-scale recordings|the biological plausibility of learning rules"
       "|the identification of latent dynamics from noisy data|the degeneracy of neural circuit parameters"
       "|the scaling of models to whole-brain activity",
       "large-scale neural recordings|simulated networks of thousands of neurons"
       "|behavioural data from perceptual tasks|connectomic reconstructions"
       "|publicly available electrophysiology datasets",
       "low-dimensional dynamics explain most of the variance in population activity"
       "|local plasticity rules can approximate gradient-based learning"
       "|trained recurrent networks reproduce the neural responses recorded in animals"
       "|Bayesian models capture how humans weigh noisy cues"
       "|attractor networks account for the drift of working memory"}}},

    {"public health and epidemiology",
     "Public Health|Epidemiology|Population Health",
     "School of Public Health|Department of Epidemiology and Population Health|Institute of Health and Society"
     "|Faculty of Medicine",
     "Public health|Medicine|Epidemiology|Environmental health|Cohort study",
     "epidemiology, public health, medical statistics or a related discipline",
     TextStyle::Social,
     {{"infectious disease epidemiology",
       "Infectious disease|Outbreak|Transmission (medicine)|Vaccination|Pandemic|Genomic surveillance"
       "|Contact tracing|Antimicrobial resistance|Coronavirus disease 2019 (COVID-19)|Serology",
       "genomic epidemiology|mathematical transmission models|phylodynamic analysis"
       "|test-negative case-control designs|analyses of contact tracing data|serological surveys",
       "the transmission of respiratory viruses|vaccine effectiveness|antimicrobial resistance surveillance"
       "|outbreaks in care homes|emerging zoonotic infections|the control of tuberculosis",
       "the under-ascertainment of cases|waning immunity|transmission in high-risk settings"
       "|the emergence of new variants|inequalities in vaccine uptake",
       "national surveillance data|thousands of sequenced viral genomes|hospital admission records"
       "|a household transmission study|serological samples from blood donors",
       "quarantine of returning travellers substantially reduced onward transmission"
       "|protection against infection waned within six months of vaccination"
       "|genomic data revealed repeated introductions into care homes"
       "|resistant strains spread mainly through hospital networks"
       "|school closures had a smaller effect than workplace measures"},
      {"nutrition and physical activity",
       "Physical activity|Nutrition|Obesity|Diet|Exercise|Sedentary lifestyle|Body composition"
       "|Randomized controlled trial|Mediterranean diet|Cardiometabolic risk",
       "randomised controlled trials|accelerometer-based activity measurement|dietary assessment"
       "|feasibility and pilot studies|body composition analysis|behaviour change interventions",
       "diet and exercise interventions for older adults|childhood obesity prevention|sedentary behaviour at work"
       "|high-protein Mediterranean diets|physical activity in cardiac rehabilitation"
       "|school-based nutrition programmes",
       "low adherence to lifestyle interventions|the measurement error of self-reported diet"
       "|socioeconomic differences in physical activity|the maintenance of weight loss"
       "|the recruitment of under-served groups into trials",
       "a cluster-randomised trial in primary schools|participants in cardiac rehabilitation"
       "|a cohort of 8,000 adults wearing accelerometers|community exercise programmes"
       "|workplaces in several sectors",
       "combining resistance exercise with higher protein intake improves lean mass"
       "|small reductions in sitting time improve cardiometabolic markers"
       "|school-based programmes reduce obesity only when families are involved"
       "|adherence drops sharply after the supervised phase"
       "|objective measures reveal larger activity gaps than self-reports"},
      {"chronic disease epidemiology",
       "Cardiovascular disease|Diabetes mellitus|Risk factor|Hypertension|Chronic kidney disease|Mortality"
       "|Incidence (epidemiology)|Multimorbidity|Cancer screening|Mendelian randomization",
       "prospective cohort analyses|Mendelian randomisation|survival analysis|risk prediction modelling"
       "|record linkage of routine health data|life-course epidemiology",
       "cardiovascular risk prediction|type 2 diabetes incidence|multimorbidity in ageing populations"
       "|hypertension control|cancer screening uptake|the progression of chronic kidney disease",
       "residual confounding in observational studies|the poor calibration of risk scores in new populations"
       "|inequalities in chronic disease outcomes|missing data in routine records|reverse causation",
       "a population-based cohort of 500,000 adults|linked primary care and hospital records"
       "|a national diabetes registry|biobank genetic data|repeated health examination surveys",
       "risk scores developed elsewhere systematically overestimated risk"
       "|genetically predicted blood pressure is causally linked to kidney decline"
       "|multimorbidity is rising fastest among middle-aged adults"
       "|screening uptake is lowest in the most deprived areas"
       "|improvements in hypertension control have stalled over the last decade"},
      {"health services and policy",
       "Health policy|Health services research|Health care|Primary care|Health equity|Health economics"
       "|Cost-effectiveness analysis|Quality of care|Telemedicine|Mental health service",
       "interrupted time series analysis|cost-effectiveness analysis|mixed-methods evaluation"
       "|qualitative interviews with clinicians|natural experiments|discrete choice experiments",
       "access to primary care|the integration of health and social care|digital health services"
       "|mental health service use|waiting times for elective treatment|health system reform",
       "unequal access to services|workforce shortages|the evaluation of complex interventions"
       "|the sustainability of funding|fragmented care pathways",
       "administrative data from all general practices|hospitals in several regions"
       "|interviews with patients and staff|national health insurance claims"
       "|a stepped-wedge rollout across clinics",
       "remote consultations widened access for working-age adults but not for older patients"
       "|integrated care reduced emergency admissions only modestly"
       "|the reform shortened waiting times without harming quality"
       "|staff shortages explain much of the variation in performance"
       "|the intervention was cost-effective at conventional thresholds"}}},

    {"psychology",
     "Psychology|Psychological Science|Experimental Psychology",
     "School of Psychology|Department of Psychology|Department of Psychological Sciences",
     "Psychology|Cognitive science|Behavior|Psychometrics|Mental health",
     "psychology or a closely related discipline",
     TextStyle::Social,
     {{"developmental psychology",
       "Developmental psychology|Child development|Language acquisition|Infant|Adolescence|Parenting"
       "|Theory of mind|Executive functions|Longitudinal study|Early childhood",
       "longitudinal cohort studies|eye-tracking with infants|observational coding of parent-child interaction"
       "|experimental tasks for young children|latent growth curve modelling|randomised parenting interventions",
       "language acquisition in infancy|the development of executive function|parenting and child wellbeing"
       "|adolescent social development|early numeracy|the effects of screen use on children",
       "the replicability of infant studies|the role of socioeconomic disadvantage in development"
       "|the distinction between maturation and experience|the measurement of development across cultures"
       "|attrition in longitudinal samples",
       "a birth cohort followed to age fourteen|infants in the first two years of life"
       "|preschools in low-income neighbourhoods|families taking part in a parenting programme"
       "|multi-site studies across several countries",
       "shared book reading predicts vocabulary growth independently of family income"
       "|executive function at age four predicts later academic achievement"
       "|the parenting programme improved child behaviour for at least two years"
       "|screen time has small effects once family context is accounted for"
       "|infants track statistical regularities in speech earlier than thought"},
      {"clinical psychology",
       "Clinical psychology|Anxiety|Depression (differential diagnoses)|Cognitive behavioral therapy"
       "|Psychotherapy|Post-traumatic stress disorder|Psychosis|Well-being|Psychological intervention|Relapse",
       "cognitive behavioural therapy trials|digital mental health interventions|ecological momentary assessment"
       "|network analysis of symptoms|structured clinical interviews|meta-analysis of treatment studies",
       "the treatment of anxiety disorders|depression in young people|post-traumatic stress after trauma exposure"
       "|early intervention in psychosis|internet-delivered therapy|the mechanisms of psychological change",
       "high dropout from treatment|limited access to evidence-based therapy"
       "|the heterogeneity of treatment response|relapse after successful treatment"
       "|stigma around help-seeking",
       "a multi-site randomised trial|adolescents attending mental health services"
       "|smartphone-based daily assessments|primary care patients with common mental disorders"
       "|trauma-exposed emergency workers",
       "guided internet therapy was as effective as face-to-face treatment"
       "|changes in worry preceded improvements in mood"
       "|early symptom change predicted long-term outcome"
       "|a brief intervention reduced post-traumatic symptoms after six months"
       "|young people preferred digital support but dropped out more often"},
      {"social psychology",
       "Social psychology|Prejudice|Social identity|Attitude|Intergroup relations|Persuasion|Stereotype"
       "|Prosocial behavior|Social norm|Political polarization",
       "online experiments|large-scale survey experiments|field experiments|implicit association measures"
       "|multilevel modelling of cross-national surveys|pre-registered replication studies",
       "prejudice and intergroup contact|political polarisation|social norms and cooperation"
       "|misinformation and belief updating|social identity and group behaviour|prosocial behaviour",
       "the replicability of classic findings|the gap between attitudes and behaviour"
       "|the generalisability of student samples|demand effects in experiments|the persistence of misinformation",
       "nationally representative online panels|cross-national survey data from thirty countries"
       "|field experiments in schools and neighbourhoods|social media data|pre-registered multi-lab studies",
       "intergroup contact reduced prejudice but the effects faded within months"
       "|correcting misperceived norms increased cooperation"
       "|exposure to opposing views on social media increased polarisation"
       "|accuracy prompts reduced the sharing of false headlines"
       "|the classic effect did not replicate in a large pre-registered sample"},
      {"cognitive psychology",
       "Cognitive psychology|Memory|Attention|Perception|Working memory|Decision making|Reaction time"
       "|Episodic memory|Recall|Visual perception",
       "behavioural experiments|computational models of memory|eye-tracking|drift diffusion modelling"
       "|dual-task paradigms|online testing of large samples",
       "episodic memory and forgetting|visual attention|working memory capacity|decision making under risk"
       "|reading and word recognition|metacognition",
       "individual differences in cognitive capacity|the reliability of cognitive tasks"
       "|the link between laboratory tasks and everyday behaviour|the mechanisms of forgetting"
       "|speed-accuracy trade-offs",
       "large online samples|older and younger adults|expert and novice readers"
       "|dual-task laboratory paradigms|participants tested over multiple sessions",
       "retrieval practice improved long-term retention more than restudy"
       "|attention capture depended on the observer's current goals"
       "|working memory limits were explained by interference rather than decay"
       "|confidence judgements tracked accuracy closely in younger adults"
       "|diffusion modelling separated speed from caution in older adults"}}},

    {"economics",
     "Economics|Applied Economics",
     "Department of Economics|School of Economics|School of Economics and Finance",
     "Economics|Econometrics|Public economics|Microeconomics|Welfare",
     "economics or a closely related field",
     TextStyle::Social,
     {{"labour economics",
       "Labour economics|Minimum wage|Unemployment|Wage|Labour market|Human capital|Employment"
       "|Returns to education|Immigration|Gender pay gap",
       "difference-in-differences designs|matched employer-employee panel data|regression discontinuity designs"
       "|structural search models|event-study designs|administrative register data",
       "the employment effects of minimum wages|the gender pay gap|returns to education"
       "|the labour market effects of immigration|job displacement and earnings losses"
       "|remote work and productivity",
       "the monopsony power of employers|the persistence of wage inequality|the measurement of informal work"
       "|selection into employment|the scarring effects of unemployment",
       "social security records covering all workers|a panel of linked firms and workers"
       "|regional minimum wage reforms|a large online job platform|household labour force surveys",
       "moderate minimum wage increases raised earnings without measurable job losses"
       "|displaced workers suffered earnings losses that persisted for a decade"
       "|firm pay policies explain a fifth of the gender pay gap"
       "|immigration had small effects on native wages"
       "|remote work raised productivity for routine tasks"},
      {"development economics",
       "Development economics|Poverty|Microfinance|Agriculture|Cash transfer|Developing country|Household"
       "|Food security|Economic growth|Field experiment",
       "randomised field experiments|household panel surveys|evaluations of cash transfer programmes"
       "|satellite data on economic activity|lab-in-the-field experiments"
       "|general equilibrium analysis of village economies",
       "poverty reduction through cash transfers|microfinance and small enterprise growth"
       "|agricultural technology adoption|access to education in low-income countries|mobile money"
       "|food security and climate shocks",
       "poverty traps|weak state capacity|credit constraints on small farmers"
       "|the external validity of field experiments|the measurement of welfare",
       "villages in rural East Africa|a national household panel|randomised trials across several countries"
       "|satellite night-light data|mobile phone transaction records",
       "unconditional cash transfers raised consumption and assets for years"
       "|microcredit had modest average effects on business profits"
       "|mobile money helped households smooth consumption after shocks"
       "|information campaigns increased the adoption of improved seeds"
       "|transfers had sizeable spillovers on non-recipient households"},
      {"macroeconomics and monetary policy",
       "Macroeconomics|Monetary policy|Inflation|Interest rate|Central bank|Business cycle|Fiscal policy"
       "|Financial crisis|Exchange rate|Dynamic stochastic general equilibrium",
       "dynamic stochastic general equilibrium models|structural vector autoregressions|local projections"
       "|heterogeneous-agent models|high-frequency identification of policy shocks"
       "|Bayesian estimation of macroeconomic models",
       "the transmission of monetary policy|inflation dynamics|fiscal multipliers"
       "|household debt and consumption|central bank communication|exchange rate pass-through",
       "the effective lower bound on interest rates|the identification of policy shocks"
       "|heterogeneity in household responses|the flattening of the Phillips curve"
       "|financial frictions in the business cycle",
       "quarterly data for advanced economies|high-frequency financial market data"
       "|household balance-sheet surveys|historical data covering a century"
       "|central bank statements and minutes",
       "monetary tightening affects indebted households much more strongly"
       "|fiscal multipliers are larger in recessions"
       "|forward guidance moved long-term rates as much as asset purchases"
       "|the pass-through of exchange rates to prices has declined"
       "|household inflation expectations react little to policy announcements"},
      {"behavioural and experimental economics",
       "Behavioral economics|Experimental economics|Decision-making|Risk aversion|Nudge theory|Time preference"
       "|Game theory|Loss aversion|Public good|Social preferences",
       "laboratory experiments|online choice experiments|field experiments with nudges"
       "|structural estimation of preferences|game-theoretic experiments|survey-based measures of beliefs",
       "present bias and saving|nudges and retirement saving|social preferences and cooperation"
       "|risk attitudes|belief formation|tax compliance",
       "the stability of preferences across contexts|the external validity of laboratory findings"
       "|heterogeneity in responses to nudges|the role of inattention in economic decisions"
       "|the long-run effects of behavioural interventions",
       "laboratory experiments with student participants|a large field experiment with a pension provider"
       "|representative online samples|tax authority administrative data|repeated public goods games",
       "default enrolment raised pension participation by almost forty percentage points"
       "|reminders increased tax compliance at very low cost"
       "|cooperation declined over repeated rounds unless punishment was allowed"
       "|present bias predicted credit card borrowing"
       "|participants updated their beliefs too little in response to new information"}}},

    {"business and management",
     "Management|Business and Management|International Business Management",
     "Business School|School of Management|Faculty of Business and Economics",
     "Business|Management|Strategic management|Industrial organization|Organizational behavior",
     "management, business, economics or a related discipline",
     TextStyle::Social,
     {{"supply chain and operations management",
       "Supply chain|Operations management|Logistics|Inventory|Supply chain management|Circular economy"
       "|Sustainability|Lean manufacturing|Procurement|Supply chain resilience",
       "stochastic inventory models|mixed-integer optimisation|structural equation modelling"
       "|multiple case studies|discrete-event simulation|fuzzy multi-criteria decision making",
       "supply chain resilience|sustainable and circular supply chains|service operations in hospitality"
       "|last-mile logistics|supplier selection|humanitarian logistics",
       "disruptions caused by global shocks|the bullwhip effect|trade-offs between cost and sustainability"
       "|information sharing between partners|capacity planning under uncertain demand",
       "survey data from 300 manufacturing firms|case studies in the food and beverage industry"
       "|transaction data from a large retailer|simulated distribution networks"
       "|interviews with supply chain managers",
       "supplier diversification reduced disruption costs more than inventory buffers"
       "|circular practices improved both environmental and financial performance"
       "|information sharing dampened the bullwhip effect"
       "|dynamic routing cut last-mile delivery costs"
       "|visibility tools mattered less than trusted relationships"},
      {"marketing and consumer behaviour",
       "Marketing|Consumer behaviour|Advertising|Brand management|Purchase intention|Social media"
       "|Customer satisfaction|Pricing|Retail|E-commerce",
       "choice-based conjoint analysis|field experiments with retailers|structural demand models"
       "|text analysis of online reviews|consumer panel data analysis|laboratory studies of consumer choice",
       "online reviews and consumer choice|pricing and promotions|brand loyalty|influencer marketing"
       "|sustainable consumption|personalised advertising",
       "the measurement of advertising effectiveness|consumer privacy concerns|fake reviews"
       "|the attitude-behaviour gap in sustainable consumption|attribution across marketing channels",
       "scanner data from supermarket chains|millions of online product reviews|a large e-commerce platform"
       "|controlled online experiments|panel data on household purchases",
       "review ratings affected sales mainly for lesser-known brands"
       "|personalised advertising raised clicks but lowered trust"
       "|price promotions shifted purchases over time rather than increasing demand"
       "|eco-labels increased sustainable purchases only when placed at the shelf"
       "|influencer endorsements worked best for niche products"},
      {"innovation and entrepreneurship",
       "Innovation|Entrepreneurship|Startup company|Venture capital|Technology transfer|Patent|Open innovation"
       "|Business model|Small and medium-sized enterprises|Knowledge spillover",
       "panel data on new ventures|patent citation analysis|qualitative process studies"
       "|survival analysis of start-ups|event-history models|surveys of founders",
       "venture capital and start-up growth|university technology transfer|open innovation in large firms"
       "|digital business models|women's entrepreneurship|innovation in small and medium-sized enterprises",
       "access to finance for new ventures|the valley of death between research and market"
       "|knowledge spillovers across firms|gender gaps in entrepreneurship|the measurement of innovation outcomes",
       "a database of 20,000 technology start-ups|patent records over three decades"
       "|interviews with founders and investors|university spin-off companies|regional innovation surveys",
       "venture backing raised growth but also the risk of failure"
       "|university spin-offs survived longer when academics kept an active role"
       "|open innovation paid off mainly for firms with strong internal research"
       "|female founders received less funding for comparable ventures"
       "|proximity to universities increased patenting by young firms"},
      {"corporate finance and governance",
       "Corporate governance|Corporate finance|Board of directors|Executive compensation|Capital structure"
       "|Shareholder|Accounting|Mergers and acquisitions|Sustainability reporting|Stock market",
       "event studies|panel regressions of listed firms|textual analysis of annual reports"
       "|instrumental variable designs|hand-collected governance data"
       "|difference-in-differences around regulatory changes",
       "board diversity and firm performance|executive compensation"
       "|environmental, social and governance disclosure|mergers and acquisitions|capital structure decisions"
       "|shareholder activism",
       "agency conflicts between managers and shareholders|the endogeneity of governance choices"
       "|greenwashing in sustainability reporting|short-termism in investment decisions"
       "|the comparability of disclosures",
       "listed firms over two decades|annual reports of the largest companies|merger announcements"
       "|a regulatory reform of board composition|proxy voting records",
       "mandated board diversity had no adverse effect on firm value"
       "|pay tied to long-term targets reduced short-termist investment"
       "|sustainability disclosures were only loosely related to actual emissions"
       "|activist campaigns improved operating performance"
       "|acquirers overpaid most often when boards were weakly independent"}}},

    {"history",
     "History|Historical Studies",
     "Department of History|School of History|School of Humanities",
     "History|Sociology|Political science|Literature|Religious studies",
     "history or a related discipline in the humanities",
     TextStyle::Humanities,
     {{"medieval history",
       "Medieval history|Middle Ages|Monasticism|Manuscript|Theology|Feudalism|Church history|Latin|Charter"
       "|Crusades",
       "palaeography and codicology|close reading of Latin sources|prosopography|the analysis of charters"
       "|digital editions of manuscripts|comparative legal history",
       "monastic reform in the eleventh century|medieval kingship|pilgrimage and the cult of saints"
       "|urban communities in the later Middle Ages|medieval theological debate|the crusades and their memory",
       "the fragmentary survival of sources|the gap between normative texts and practice"
       "|the voices of non-elite people|regional variation in religious life|the reliability of chronicles",
       "monastic cartularies|manuscripts held in cathedral libraries|royal charters and writs"
       "|collections of saints' lives|urban court records",
       "reform was driven as much by local lay patrons as by the papacy"
       "|charters reveal women managing estates in their own right"
       "|pilgrimage shaped the economy of small towns"
       "|chroniclers rewrote earlier accounts to legitimise new dynasties"
       "|theological debate reached far beyond the universities"},
      {"early modern trade and empire",
       "Early modern period|Colonialism|Trade|Empire|Merchant|Atlantic World|Slavery|Global history"
       "|Maritime history|East India Company",
       "archival research in company records|network analysis of merchant correspondence"
       "|quantitative analysis of shipping data|microhistory|comparative imperial history"
       "|the analysis of legal petitions",
       "merchant networks in the Atlantic world|the East India companies|slavery and abolition"
       "|colonial law and petitioning|global commodity chains|port cities and maritime labour",
       "the silence of the colonial archive|the agency of enslaved and colonised people"
       "|the relationship between trade and violence|the connection of local and global scales"
       "|the reliability of official statistics",
       "the records of trading companies|notarial archives of port cities|ships' logs and muster rolls"
       "|petitions to colonial courts|private merchant correspondence",
       "merchant credit depended on kinship networks that crossed imperial boundaries"
       "|enslaved petitioners used colonial courts strategically"
       "|the private trade of company servants rivalled the official trade"
       "|port labour was far more mobile than previously assumed"
       "|abolition debates were shaped by colonial commercial interests"},
      {"history of science and medicine",
       "History of science|History of medicine|Epidemic|Hospital|Scientific Revolution|Natural history"
       "|History of psychiatry|Medical education|Eugenics|Museum",
       "the analysis of case notes|archival research in scientific societies|oral history interviews"
       "|the study of material culture|the analysis of periodicals|biographical methods",
       "epidemics and public health in the nineteenth century|asylums and the history of psychiatry"
       "|scientific instruments and laboratories|natural history collecting|medical education"
       "|eugenics and its critics",
       "the reconstruction of patient experience|the relationship between science and empire"
       "|the circulation of knowledge across borders|the invisibility of technicians and assistants"
       "|the legacy of controversial science",
       "asylum case books|the archives of learned societies|museum collections"
       "|medical journals and popular periodicals|oral histories of retired practitioners",
       "asylum patients and their families shaped admission decisions"
       "|collectors in the colonies were essential to metropolitan science"
       "|sanitary reform owed much to local campaigners"
       "|technicians made key contributions that were later erased from the record"
       "|popular periodicals spread medical ideas faster than textbooks"},
      {"modern social history",
       "Social history|Working class|Human migration|Labour movement|Twentieth century|Gender history"
       "|Urbanization|Welfare state|Oral history|Collective memory",
       "oral history|the analysis of census records|life-writing and diaries"
       "|newspaper digitisation and text mining|local and community history|comparative social history",
       "working-class life in industrial cities|migration and settlement in the twentieth century"
       "|the labour movement|women's work and the household|the making of the welfare state"
       "|post-war housing and urban renewal",
       "the recovery of everyday experience|the relationship between memory and history"
       "|the intersection of class, gender and ethnicity|the limits of official sources"
       "|local variation within national narratives",
       "oral history interviews with former workers|census enumerators' books|digitised local newspapers"
       "|trade union archives|diaries and letters",
       "migrant women created informal networks that sustained whole neighbourhoods"
       "|local union branches often diverged from the national leadership"
       "|post-war housing schemes were shaped by residents' campaigns"
       "|welfare reforms were experienced very differently across regions"
       "|memories of deindustrialisation continue to shape local politics"}}},
};

} // namespace

int humanAreaCount()
{
    return static_cast<int>(sizeof(kAreas) / sizeof(kAreas[0]));
}

const AreaSpec& humanArea(int index)
{
    return kAreas[index];
}

} // namespace rankpo::demo
