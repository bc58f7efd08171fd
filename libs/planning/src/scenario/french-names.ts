/** Word lists for plausible French names of people, towns and sites (invented département). */

export const FIRST_NAMES: readonly string[] = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Valérie', 'Christine',
  'Sandrine', 'Sophie', 'Céline', 'Stéphanie', 'Véronique', 'Laurence', 'Aurélie', 'Julie',
  'Émilie', 'Caroline', 'Camille', 'Laetitia', 'Virginie', 'Audrey', 'Élodie', 'Anne',
  'Hélène', 'Corinne', 'Karine', 'Pauline', 'Mélanie', 'Chantal', 'Martine', 'Brigitte',
  'Agnès', 'Claire', 'Delphine', 'Florence', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah',
  'Charlotte', 'Margaux', 'Amandine', 'Justine', 'Océane', 'Fatima', 'Nadia', 'Samira',
  'Yasmina', 'Anaïs', 'Lucie', 'Agathe', 'Béatrice', 'Gaëlle', 'Maëlle', 'Noémie', 'Zoé',
  'Jean', 'Philippe', 'Michel', 'Alain', 'Patrick', 'Nicolas', 'Christophe', 'Pierre',
  'Christian', 'Éric', 'Frédéric', 'Laurent', 'Stéphane', 'David', 'Olivier', 'Sébastien',
  'Julien', 'Thierry', 'Pascal', 'Daniel', 'Thomas', 'Jérôme', 'François', 'Bruno',
  'Guillaume', 'Antoine', 'Vincent', 'Maxime', 'Alexandre', 'Romain', 'Mathieu', 'Fabrice',
  'Didier', 'Franck', 'Cédric', 'Yannick', 'Gilles', 'Hervé', 'Dominique', 'Lucas', 'Hugo',
  'Théo', 'Louis', 'Arthur', 'Raphaël', 'Mohamed', 'Karim', 'Mehdi', 'Rachid', 'Yves',
  'Benoît', 'Grégory', 'Loïc', 'Jean-Pierre', 'Jean-Luc', 'Marc-Antoine', 'Anne-Sophie',
  'Marie-Claire', 'Joël', 'Gaël', 'Mickaël', 'Aurélien', 'Clément', 'Damien', 'Quentin',
];

export const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau',
  'Laurent', 'Simon', 'Michel', 'Lefèbvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel',
  'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent',
  'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier',
  'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément',
  'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand',
  'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier',
  'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin',
  'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas',
  'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc',
  'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte', 'Lopez', 'Jean', 'Dupuy', 'Guillot',
  'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Louis', 'Deschamps',
  'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam',
  'Paris', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault', 'Charpentier',
  'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Fernandez',
  'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Daniel',
  'Le Roux', 'Cousin', 'Germain', 'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff',
  'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Weber',
  'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier', 'Michaud', 'Rodriguez', 'Guichard',
  'Gillet', 'Étienne', 'Grondin', 'Poulain', 'Tessier', 'Chevallier', 'Collin', 'Chauvin',
  'Da Silva', 'Bouchet', 'Gay', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud',
  'Antoine', 'Hoarau', 'Perret', 'Barthélémy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert',
  'Lamy', 'Delaunay', 'Pasquier', 'Carlier', 'Laporte', "N'Diaye", 'Benali', 'Haddad',
  'Nguyen', 'Diallo', 'Ferreira', 'Dos Santos', 'Lemonnier', 'Texier', 'Jourdan', "D'Almeida",
];

/** Towns of the invented département; the first is the préfecture (chef-lieu). */
export const TOWNS: readonly string[] = [
  'Valmont-sur-Loire', 'Saint-Amand', 'Montbrison-le-Haut', 'Châteauneuf', 'Villefranche',
  'Beaulieu', 'Saint-Julien', 'Pontarlier-les-Bains', 'Mirebeau', 'Neuville', 'Bellegarde',
  'Sainte-Croix', 'Montfort', 'Clairvaux', 'La Roche-Blanche', 'Fontenay', 'Rochefort-en-Val',
  'Saint-Germain', 'Vaucouleurs', 'Lussac', 'Champagnac', 'Montigny', 'Beaumont',
  'Saint-Pierre-du-Bois', 'Villeneuve', 'Lanvallay', 'Marcillac', 'Saint-Étienne-des-Prés',
  'Aubigny', 'Chantemerle', 'Le Puy-Sainte-Marie', 'Roquebrune', 'Vernoux', 'Coulanges',
  'Saint-Martin-la-Plaine', 'Brassac', 'Lignières', 'Montaigu', 'Saint-Laurent', 'Ambérieux',
  'Vic-le-Comte', 'La Chapelle-Blanche', 'Saint-Rémy', 'Bourg-Neuf', 'Mauriac', 'Sauveterre',
  'Cerilly', 'Thiviers', 'Saint-Loup', 'Ruffieux', 'Les Essarts', 'Saint-Hilaire', 'Écully',
  'Montrevel', 'Saint-Benoît', 'Oradour', 'Vallon-Pont', 'Lézignan', 'Rieux', 'Pradelles',
];

/** Namesakes of collèges (a collège is named after a person, then its town). */
export const COLLEGE_NAMES: readonly string[] = [
  'Jean-Moulin', 'Victor-Hugo', 'Jules-Ferry', 'Louis-Pasteur', 'Marie-Curie', 'Jean-Jaurès',
  'Albert-Camus', 'Jacques-Prévert', 'Simone-Veil', 'Lucie-Aubrac', 'Paul-Éluard',
  'Antoine-de-Saint-Exupéry', 'Jean-de-La-Fontaine', 'George-Sand', 'Jules-Verne',
  'Pierre-et-Marie-Curie', 'Condorcet', 'Voltaire', 'Molière', 'Colette', 'Olympe-de-Gouges',
  'Louise-Michel', 'Germaine-Tillion', 'Aimé-Césaire', 'Camille-Claudel', 'Jean-Rostand',
];
