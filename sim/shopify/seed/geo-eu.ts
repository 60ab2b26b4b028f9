/** A city customers live in, with a real postal code and coordinates. */
export interface SeedCity {
  city: string;
  zip: string;
  lat: number;
  lon: number;
  province?: string;
  provinceCode?: string;
}

/** Everything needed to invent plausible customers of one country. */
export interface SeedCountry {
  code: string;
  weight: number;
  phonePrefix: string;
  cities: SeedCity[];
  streets: string[];
  firstNames: string[];
  lastNames: string[];
  carrier: string;
}

export const SEED_COUNTRIES: SeedCountry[] = [
  {
    code: 'FR',
    weight: 60,
    phonePrefix: '+33 6',
    carrier: 'Colissimo',
    cities: [
      { city: 'Paris', zip: '75011', lat: 48.859, lon: 2.38 },
      { city: 'Paris', zip: '75015', lat: 48.8412, lon: 2.3003 },
      { city: 'Marseille', zip: '13001', lat: 43.2965, lon: 5.3698 },
      { city: 'Lyon', zip: '69003', lat: 45.76, lon: 4.85 },
      { city: 'Toulouse', zip: '31000', lat: 43.6047, lon: 1.4442 },
      { city: 'Nice', zip: '06000', lat: 43.7102, lon: 7.262 },
      { city: 'Nantes', zip: '44000', lat: 47.2184, lon: -1.5536 },
      { city: 'Strasbourg', zip: '67000', lat: 48.5734, lon: 7.7521 },
      { city: 'Montpellier', zip: '34000', lat: 43.6108, lon: 3.8767 },
      { city: 'Bordeaux', zip: '33000', lat: 44.8378, lon: -0.5792 },
      { city: 'Lille', zip: '59000', lat: 50.6292, lon: 3.0573 },
      { city: 'Rennes', zip: '35000', lat: 48.1173, lon: -1.6778 },
      { city: 'Reims', zip: '51100', lat: 49.2583, lon: 4.0317 },
      { city: 'Grenoble', zip: '38000', lat: 45.1885, lon: 5.7245 },
      { city: 'Dijon', zip: '21000', lat: 47.322, lon: 5.0415 },
      { city: 'Angers', zip: '49100', lat: 47.4784, lon: -0.5632 },
      { city: 'Brest', zip: '29200', lat: 48.3904, lon: -4.4861 },
      { city: 'Tours', zip: '37000', lat: 47.3941, lon: 0.6848 },
    ],
    streets: ['rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Gambetta', 'rue de la Paix', 'rue Nationale', 'place de la Mairie', 'rue des Lilas', 'avenue de la Gare', 'rue Pasteur'],
    firstNames: ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Louise', 'Jade', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Théo', 'Nathan', 'Julie', 'Sophie', 'Thomas', 'Antoine', 'Élise'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier'],
  },
  {
    code: 'BE',
    weight: 12,
    phonePrefix: '+32 470',
    carrier: 'bpost',
    cities: [
      { city: 'Bruxelles', zip: '1000', lat: 50.8503, lon: 4.3517 },
      { city: 'Antwerpen', zip: '2000', lat: 51.2194, lon: 4.4025 },
      { city: 'Gent', zip: '9000', lat: 51.0543, lon: 3.7174 },
      { city: 'Liège', zip: '4000', lat: 50.6326, lon: 5.5797 },
      { city: 'Namur', zip: '5000', lat: 50.4674, lon: 4.872 },
      { city: 'Charleroi', zip: '6000', lat: 50.4108, lon: 4.4446 },
    ],
    streets: ['rue Neuve', 'avenue Louise', 'Meir', 'Veldstraat', 'rue de Fer', 'chaussée de Wavre'],
    firstNames: ['Emma', 'Olivia', 'Louise', 'Noah', 'Arthur', 'Lucas', 'Liam', 'Mila', 'Elena', 'Victor'],
    lastNames: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Dubois', 'Lambert', 'Dupont'],
  },
  {
    code: 'DE',
    weight: 8,
    phonePrefix: '+49 151',
    carrier: 'DHL',
    cities: [
      { city: 'Berlin', zip: '10115', lat: 52.52, lon: 13.405 },
      { city: 'München', zip: '80331', lat: 48.1351, lon: 11.582 },
      { city: 'Hamburg', zip: '20095', lat: 53.5511, lon: 9.9937 },
      { city: 'Köln', zip: '50667', lat: 50.9375, lon: 6.9603 },
      { city: 'Frankfurt am Main', zip: '60311', lat: 50.1109, lon: 8.6821 },
      { city: 'Stuttgart', zip: '70173', lat: 48.7758, lon: 9.1829 },
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Goethestraße', 'Lindenstraße', 'Gartenstraße'],
    firstNames: ['Mia', 'Hannah', 'Emilia', 'Lena', 'Leon', 'Paul', 'Felix', 'Jonas', 'Lukas', 'Anna'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz'],
  },
  {
    code: 'ES',
    weight: 7,
    phonePrefix: '+34 612',
    carrier: 'Correos',
    cities: [
      { city: 'Madrid', zip: '28013', lat: 40.4168, lon: -3.7038, province: 'Madrid', provinceCode: 'M' },
      { city: 'Barcelona', zip: '08002', lat: 41.3874, lon: 2.1686, province: 'Barcelona', provinceCode: 'B' },
      { city: 'Valencia', zip: '46002', lat: 39.4699, lon: -0.3763, province: 'Valencia', provinceCode: 'V' },
      { city: 'Sevilla', zip: '41001', lat: 37.3891, lon: -5.9845, province: 'Sevilla', provinceCode: 'SE' },
      { city: 'Bilbao', zip: '48001', lat: 43.263, lon: -2.935, province: 'Vizcaya', provinceCode: 'BI' },
    ],
    streets: ['Calle Mayor', 'Gran Vía', 'Calle de Alcalá', 'Paseo de Gracia', 'Calle Real', 'Avenida de la Constitución'],
    firstNames: ['Lucía', 'Sofía', 'Martina', 'María', 'Hugo', 'Martín', 'Pablo', 'Daniel', 'Alejandro', 'Carmen'],
    lastNames: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín'],
  },
  {
    code: 'IT',
    weight: 7,
    phonePrefix: '+39 333',
    carrier: 'BRT',
    cities: [
      { city: 'Roma', zip: '00184', lat: 41.9028, lon: 12.4964, province: 'Roma', provinceCode: 'RM' },
      { city: 'Milano', zip: '20121', lat: 45.4642, lon: 9.19, province: 'Milano', provinceCode: 'MI' },
      { city: 'Torino', zip: '10121', lat: 45.0703, lon: 7.6869, province: 'Torino', provinceCode: 'TO' },
      { city: 'Napoli', zip: '80133', lat: 40.8518, lon: 14.2681, province: 'Napoli', provinceCode: 'NA' },
      { city: 'Firenze', zip: '50122', lat: 43.7696, lon: 11.2558, province: 'Firenze', provinceCode: 'FI' },
    ],
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via Mazzini', 'Via Dante', 'Piazza del Popolo'],
    firstNames: ['Sofia', 'Giulia', 'Aurora', 'Alice', 'Leonardo', 'Francesco', 'Alessandro', 'Lorenzo', 'Matteo', 'Chiara'],
    lastNames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco'],
  },
  {
    code: 'NL',
    weight: 6,
    phonePrefix: '+31 6',
    carrier: 'PostNL',
    cities: [
      { city: 'Amsterdam', zip: '1012 AB', lat: 52.3676, lon: 4.9041 },
      { city: 'Rotterdam', zip: '3011 AD', lat: 51.9244, lon: 4.4777 },
      { city: 'Utrecht', zip: '3511 LX', lat: 52.0907, lon: 5.1214 },
      { city: 'Den Haag', zip: '2511 CV', lat: 52.0705, lon: 4.3007 },
      { city: 'Eindhoven', zip: '5611 AZ', lat: 51.4416, lon: 5.4697 },
    ],
    streets: ['Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Prinsengracht', 'Molenstraat', 'Schoolstraat'],
    firstNames: ['Julia', 'Emma', 'Tess', 'Sophie', 'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Anna'],
    lastNames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer'],
  },
];

/** The demo merchant's three warehouses. */
export const DEMO_LOCATIONS = [
  {
    name: 'Entrepôt Paris Nord',
    address: { address1: '45 Avenue Victor Hugo', city: 'Aubervilliers', zip: '93300', countryCode: 'FR', latitude: 48.9146, longitude: 2.3821, phone: '+33 1 48 34 00 00' },
  },
  {
    name: 'Entrepôt Lyon Gerland',
    address: { address1: '60 Avenue Tony Garnier', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.7351, longitude: 4.8307, phone: '+33 4 78 00 00 00' },
  },
  {
    name: 'Entrepôt Lille Lesquin',
    address: { address1: "Rue de l'Épinoy", city: 'Lesquin', zip: '59810', countryCode: 'FR', latitude: 50.589, longitude: 3.1117, phone: '+33 3 20 00 00 00' },
  },
];
